from allauth.socialaccount.providers.oauth2.client import OAuth2Client, OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2Adapter, OAuth2CallbackView, OAuth2LoginView
from django.conf import settings
from django.utils.http import urlencode

from notifications import zalo


class ZaloOAuth2Client(OAuth2Client):
    """Zalo's dialect of OAuth 2: `app_id` instead of client_id, no scope, the secret in a header (sent by our one
    Zalo client), errors as HTTP 200 with a negative `error`."""

    def get_redirect_url(self, authorization_url, scope, extra_params) -> str:
        params = {"app_id": self.consumer_key, "redirect_uri": self.callback_url}
        if self.state:
            params["state"] = self.state
        if "code_challenge" in extra_params:
            params["code_challenge"] = extra_params["code_challenge"]
        return f"{authorization_url}?{urlencode(params)}"

    def get_access_token(self, code, pkce_code_verifier=None, extra_data=None):
        if not pkce_code_verifier:
            raise OAuth2Error("Zalo login needs PKCE")
        try:
            return zalo.exchange_authorization_code(code=code, code_verifier=pkce_code_verifier)
        except (zalo.ZaloError, zalo.ZaloTransportError) as error:
            raise OAuth2Error(str(error)) from error


class ZaloOAuth2Adapter(OAuth2Adapter):
    provider_id = "zalo"
    client_class = ZaloOAuth2Client

    @property
    def authorize_url(self) -> str:
        return f"{settings.ZALO['OAUTH_URL']}/v4/permission"

    @property
    def access_token_url(self) -> str:
        return f"{settings.ZALO['OAUTH_URL']}/v4/access_token"

    def complete_login(self, request, app, token, **kwargs):
        try:
            profile = zalo.graph_profile(token.token)
        except (zalo.ZaloError, zalo.ZaloTransportError) as error:
            raise OAuth2Error(str(error)) from error
        return self.get_provider().sociallogin_from_response(request, profile)


oauth2_login = OAuth2LoginView.adapter_view(ZaloOAuth2Adapter)
oauth2_callback = OAuth2CallbackView.adapter_view(ZaloOAuth2Adapter)
