from django.urls import path, re_path

from media_feeds import views

app_name = "media_feeds"

urlpatterns = [
    path("tin-tuc/", views.news, name="news"),
    path("tin-tuc/rss/", views.ArticlesRss(), name="rss"),
    path("tin-tuc/atom/", views.ArticlesAtom(), name="atom"),
    path("tin-tuc/rss/<slug:slug>/", views.ArticlesRss(), name="category_rss"),
    path("tin-tuc/atom/<slug:slug>/", views.ArticlesAtom(), name="category_atom"),
    path("tin-tuc/nhan-thong-bao/", views.subscription, name="subscription"),
    path("tin-tuc/xem-truoc/<int:pk>/", views.article_preview, name="preview"),
    re_path(
        r"^tin-tuc/anh/(?P<public_id>[0-9a-f-]{36})/(?P<width>[0-9]{2,4})\.(?P<fmt>webp|jpeg)$",
        views.image,
        name="image",
    ),
    path("tin-tuc/<slug:slug>/", views.article, name="article"),
    path("truyen-hinh/", views.channels, name="channels"),
    path("truyen-hinh/<slug:slug>/", views.channel, name="channel"),
    path("truyen-hinh/<slug:slug>/bieu-trung", views.channel_logo, name="channel_logo"),
    re_path(
        r"^truyen-hinh/demo-stream/(?P<name>[a-z0-9-]+)/(?P<filename>[a-z0-9]+\.(?:m3u8|ts))$",
        views.demo_stream,
        name="demo_stream",
    ),
]
