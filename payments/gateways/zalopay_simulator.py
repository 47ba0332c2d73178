"""A ZaloPay v2 simulator on 127.0.0.1, for tests and the demo, following ZaloPay's published protocol:
`POST /v2/create` (mac with key1 checked) returns an order_url; that page lets the tester choose success, failure or
cancel; on success ZaloPay's server POSTs the callback ({"data", "mac" = HMAC-SHA256(key2, data), "type": 1}) and
retries up to 3 times until the merchant answers return_code 1; then the browser goes to embed_data.redirecturl
with ZaloPay's redirect fields and checksum. `POST /v2/query` and `POST /v2/refund` check their macs."""

from __future__ import annotations

import hashlib
import hmac
import html
import itertools
import json
import secrets
import time
import urllib.parse

from payments.gateways.simulator_http import (
    SimulatorServer,
    choice_form,
    html_reply,
    http_call,
    json_reply,
    page,
    redirect,
)


# ZaloPay's side of the macs, written from the protocol rather than borrowed from our client.
def mac(key: str, data: str) -> str:
    return hmac.new(key.encode(), data.encode("utf-8"), hashlib.sha256).hexdigest()


def order_mac(order: dict, key1: str) -> str:
    return mac(
        key1,
        "|".join(order[f] for f in ("app_id", "app_trans_id", "app_user", "amount", "app_time", "embed_data", "item")),
    )


CALLBACK_TRIES = 3


class ZaloPaySimulator(SimulatorServer):
    def __init__(self, *, app_id: str, key1: str, key2: str, port: int = 0):
        super().__init__(port)
        self.app_id = str(app_id)
        self.key1 = key1
        self.key2 = key2
        self.send_callbacks = True
        self.orders: dict[str, dict] = {}  # app_trans_id → order and its state
        self.tokens: dict[str, str] = {}  # zp_trans_token → app_trans_id
        self.callback_log: list[dict] = []
        self.refunds: list[dict] = []
        self._zp_ids = itertools.count(240_000_001)

    def routes(self) -> dict:
        return {
            ("POST", "/v2/create"): self._create,
            ("GET", "/pay"): self._payment_page,
            ("POST", "/pay"): self._choose,
            ("POST", "/v2/query"): self._query,
            ("POST", "/v2/refund"): self._refund,
        }

    def _create(self, query: dict, body: bytes, headers):
        order = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
        required = ("app_id", "app_user", "app_trans_id", "app_time", "amount", "item", "embed_data", "mac")
        if any(name not in order for name in required):
            return json_reply(
                {
                    "return_code": 2,
                    "return_message": "Giao dịch thất bại",
                    "sub_return_code": -401,
                    "sub_return_message": "Dữ liệu yêu cầu không hợp lệ",
                }
            )
        if order["app_id"] != self.app_id or not hmac.compare_digest(order_mac(order, self.key1), order["mac"]):
            return json_reply(
                {
                    "return_code": 2,
                    "return_message": "Giao dịch thất bại",
                    "sub_return_code": -402,
                    "sub_return_message": "Xác thực thông tin thất bại",
                }
            )
        if order["app_trans_id"] in self.orders:
            return json_reply(
                {
                    "return_code": 2,
                    "return_message": "Giao dịch thất bại",
                    "sub_return_code": -68,
                    "sub_return_message": "Mã giao dịch bị trùng",
                }
            )
        token = secrets.token_urlsafe(12)
        with self.lock:
            self.orders[order["app_trans_id"]] = {**order, "state": "processing"}
            self.tokens[token] = order["app_trans_id"]
        return json_reply(
            {
                "return_code": 1,
                "return_message": "Giao dịch thành công",
                "sub_return_code": 1,
                "order_url": f"{self.url}/pay?order={token}",
                "zp_trans_token": token,
            }
        )

    def _payment_page(self, query: dict, body: bytes, headers):
        order = self.orders.get(self.tokens.get(query.get("order", ""), ""))
        if order is None:
            return html_reply(page("ZaloPay", "<h1>Đơn hàng không tồn tại</h1>"), 404)
        amount = f"{int(order['amount']):,}".replace(",", ".")
        body_html = (
            "<h1>Thanh toán bằng ZaloPay</h1><dl>"
            f"<dt>Số tiền</dt><dd>{amount} đ</dd>"
            f"<dt>Nội dung</dt><dd>{html.escape(order.get('description', ''))}</dd>"
            f"<dt>Mã đơn</dt><dd>{html.escape(order['app_trans_id'])}</dd></dl>"
            + choice_form("/pay", {"order": query["order"]})
        )
        return html_reply(page("ZaloPay", body_html))

    def _choose(self, query: dict, body: bytes, headers):
        form = dict(urllib.parse.parse_qsl(body.decode()))
        trans_id = self.tokens.get(form.get("order", ""))
        order = self.orders.get(trans_id or "")
        if order is None or form.get("choice") not in ("success", "failure", "cancel"):
            return html_reply(page("ZaloPay", "<h1>Đơn hàng không tồn tại</h1>"), 404)
        if order["state"] != "processing":
            return html_reply(page("ZaloPay", "<h1>Đơn hàng đã được xử lý</h1>"), 409)
        status = {"success": 1, "failure": -54, "cancel": -49}[form["choice"]]
        with self.lock:
            order["state"] = "paid" if status == 1 else "failed"
            if status == 1:
                order["zp_trans_id"] = next(self._zp_ids)
        if status == 1 and self.send_callbacks:
            self.call_back(trans_id)
        return redirect(self.redirect_url(order, status))

    def callback_body(self, trans_id: str) -> dict:
        order = self.orders[trans_id]
        data = json.dumps(
            {
                "app_id": int(self.app_id) if self.app_id.isdigit() else self.app_id,
                "app_trans_id": trans_id,
                "app_time": int(order["app_time"]),
                "app_user": order["app_user"],
                "amount": int(order["amount"]),
                "embed_data": order["embed_data"],
                "item": order["item"],
                "zp_trans_id": order["zp_trans_id"],
                "server_time": int(time.time() * 1000),
                "channel": 38,
                "merchant_user_id": f"zp{order['app_user']}",
                "user_fee_amount": 0,
                "discount_amount": 0,
            },
            separators=(",", ":"),
            ensure_ascii=False,
        )
        return {"data": data, "mac": mac(self.key2, data), "type": 1}

    def call_back(self, trans_id: str, body: dict | None = None) -> dict:
        """POST the callback, retrying as ZaloPay does until the merchant answers return_code 1."""
        order = self.orders[trans_id]
        body = body or self.callback_body(trans_id)
        entry = {}
        for attempt in range(CALLBACK_TRIES):
            status, text = http_call(
                order["callback_url"], data=json.dumps(body).encode(), content_type="application/json"
            )
            try:
                reply = json.loads(text)
            except ValueError:
                reply = {"raw": text}
            entry = {"body": body, "status": status, "reply": reply, "try": attempt + 1}
            with self.lock:
                self.callback_log.append(entry)
            if reply.get("return_code") == 1:
                break
        return entry

    def redirect_url(self, order: dict, status: int) -> str:
        fields = {
            "appid": self.app_id,
            "apptransid": order["app_trans_id"],
            "pmcid": "38",
            "bankcode": "",
            "amount": order["amount"],
            "discountamount": "0",
            "status": str(status),
        }
        fields["checksum"] = hmac.new(
            self.key2.encode(),
            "|".join(
                str(fields[k])
                for k in ("appid", "apptransid", "pmcid", "bankcode", "amount", "discountamount", "status")
            ).encode(),
            hashlib.sha256,
        ).hexdigest()
        redirect_to = json.loads(order["embed_data"]).get("redirecturl", "")
        return f"{redirect_to}{'&' if '?' in redirect_to else '?'}{urllib.parse.urlencode(fields)}"

    def _query(self, query: dict, body: bytes, headers):
        form = dict(urllib.parse.parse_qsl(body.decode()))
        expected = mac(self.key1, f"{form.get('app_id')}|{form.get('app_trans_id')}|{self.key1}")
        if form.get("app_id") != self.app_id or not hmac.compare_digest(expected, form.get("mac", "")):
            return json_reply({"return_code": 2, "return_message": "Giao dịch thất bại", "sub_return_code": -402})
        order = self.orders.get(form.get("app_trans_id", ""))
        if order is None:
            return json_reply(
                {
                    "return_code": 2,
                    "return_message": "Giao dịch thất bại",
                    "sub_return_code": -101,
                    "sub_return_message": "Giao dịch không tồn tại",
                }
            )
        code = {"paid": 1, "failed": 2}.get(order["state"], 3)
        return json_reply(
            {
                "return_code": code,
                "return_message": "",
                "sub_return_code": code,
                "is_processing": code == 3,
                "amount": int(order["amount"]),
                "zp_trans_id": order.get("zp_trans_id", 0),
            }
        )

    def _refund(self, query: dict, body: bytes, headers):
        form = dict(urllib.parse.parse_qsl(body.decode()))
        data = "|".join(form.get(k, "") for k in ("app_id", "zp_trans_id", "amount", "description", "timestamp"))
        if form.get("app_id") != self.app_id or not hmac.compare_digest(mac(self.key1, data), form.get("mac", "")):
            return json_reply({"return_code": 2, "return_message": "Xác thực thất bại", "sub_return_code": -402})
        paid = {str(o.get("zp_trans_id")): o for o in self.orders.values() if o["state"] == "paid"}
        if form.get("zp_trans_id") not in paid:
            return json_reply({"return_code": 2, "return_message": "Giao dịch không tồn tại", "sub_return_code": -101})
        with self.lock:
            self.refunds.append(form)
        return json_reply(
            {
                "return_code": 1,
                "return_message": "Hoàn tiền thành công",
                "sub_return_code": 1,
                "refund_id": next(self._zp_ids),
            }
        )
