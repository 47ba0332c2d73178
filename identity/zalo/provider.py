"""Zalo Social Login (OAuth v4 with PKCE) as a django-allauth provider; allauth has none."""

from allauth.socialaccount.providers.base import ProviderAccount
from allauth.socialaccount.providers.oauth2.provider import OAuth2Provider

from identity.zalo.views import ZaloOAuth2Adapter


class ZaloAccount(ProviderAccount):
    def get_avatar_url(self):
        return (self.account.extra_data.get("picture") or {}).get("data", {}).get("url")

    def to_str(self):
        return self.account.extra_data.get("name") or super().to_str()


class ZaloProvider(OAuth2Provider):
    id = "zalo"
    name = "Zalo"
    account_class = ZaloAccount
    oauth2_adapter_class = ZaloOAuth2Adapter
    pkce_enabled_default = True

    def get_default_scope(self):
        return []  # Zalo v4 takes no scope

    def extract_uid(self, data):
        return str(data["id"])

    def extract_common_fields(self, data):
        return {"name": data.get("name", "")}


provider_classes = [ZaloProvider]
