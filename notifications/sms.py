"""The SMS gateway interface. Vietnamese SMS gateways (brandname SMS) each have their own API; a deployment names
its class in SMS_PROVIDER. The default writes the message to the log, for development and the demo."""

import logging
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
    def send(self, phone: str, text: str) -> str:
        message_id = f"log-{uuid.uuid4().hex[:12]}"
        logger.warning("SMS to %s (%s): %s", phone, message_id, text)
        return message_id
