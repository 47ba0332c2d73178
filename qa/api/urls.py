from rest_framework.routers import DefaultRouter

from qa.api.views import MyQuestionViewSet, OfficerQuestionViewSet, PublicQuestionViewSet, TopicViewSet

router = DefaultRouter()
router.register("question-topics", TopicViewSet, basename="question-topic")
router.register("questions", PublicQuestionViewSet, basename="question")
router.register("my/questions", MyQuestionViewSet, basename="my-question")
router.register("officer/questions", OfficerQuestionViewSet, basename="officer-question")
