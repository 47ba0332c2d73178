"""The SMS gateway interface. Vietnamese SMS gateways (brandname SMS) each have their own API; a deployment names
its class in SMS_PROVIDER. The default writes the message to the log, for development and the demo."""

import logging
import re
import uuid

logger = logging.getLogger(__name__)


class SmsError(Exception):
    def __init__(self, message: str, *, retryable: bool = True):
        super().__init__(message)
        self.retryable = retryable


class BaseSmsProvider:
    def send(self, phone: str, text: str) -> str:
        """Send `text` to `phone` (E.164); return the gateway's message id or raise SmsError."""
        raise NotImplementedError


class LogSmsProvider(BaseSmsProvider):
    """Writes that a message went out, never its digits: a one-time code in a server log is a code anyone with log
    access can use. (The demo's readable messages are on the Zalo simulator's page.)"""

    def send(self, phone: str, text: str) -> str:
        message_id = f"log-{uuid.uuid4().hex[:12]}"
        logger.warning("SMS to %s (%s): %s", phone, message_id, re.sub(r"\d{4,}", "••••", text))
        return message_id


class SimulatorSmsProvider(BaseSmsProvider):
    """The demo's gateway: hands the text to the Zalo simulator (`SMS_SIMULATOR_URL`), whose page shows it."""

    def send(self, phone: str, text: str) -> str:
        import json
        import urllib.error
        import urllib.request

        from django.conf import settings

        request = urllib.request.Request(  # noqa: S310 - our own setting, http(s) only
            f"{settings.SMS_SIMULATOR_URL}/demo/sms",
            data=json.dumps({"phone": phone, "text": text}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                reply = json.loads(response.read())
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise SmsError(f"demo SMS gateway unreachable: {error}") from error
        if reply.get("error") != 0:
            raise SmsError(f"demo SMS gateway refused: {reply.get('message')}", retryable=False)
        return reply["data"]["message_id"]
