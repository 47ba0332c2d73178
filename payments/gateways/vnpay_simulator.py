"""A VNPay 2.1.0 simulator on 127.0.0.1, for tests and the demo. It speaks VNPay's published protocol, not a
shortcut into our code: the payment page (`/paymentv2/vpcpay.html`, signature checked, code 70 for a bad one) lets
the tester choose success, failure or cancel; VNPay's server then calls the merchant's IPN URL (a GET with the signed
result) and sends the browser to vnp_ReturnUrl with the same fields. The merchant API (`/merchant_webapi/api/
transaction`) answers querydr and refund, signed. Tests may hold IPNs back (`send_ipn = False`) or replay one."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import html
import itertools
import json
import secrets
import urllib.parse
from zoneinfo import ZoneInfo

from payments.gateways.simulator_http import (
    SimulatorServer,
    choice_form,
    html_reply,
    http_call,
    json_reply,
    page,
    redirect,
)

# VNPay's side of the signatures, written here from the protocol rather than borrowed from our client, so a mistake
# in the client shows up as a refused request.
QUERY_FIELDS = [
    "RequestId",
    "Version",
    "Command",
    "TmnCode",
    "TxnRef",
    "TransactionDate",
    "CreateDate",
    "IpAddr",
    "OrderInfo",
]
QUERY_ANSWER_FIELDS = [
    "ResponseId",
    "Command",
    "ResponseCode",
    "Message",
    "TmnCode",
    "TxnRef",
    "Amount",
    "BankCode",
    "PayDate",
    "TransactionNo",
    "TransactionType",
    "TransactionStatus",
    "OrderInfo",
    "PromotionCode",
    "PromotionAmount",
]
REFUND_FIELDS = [
    "RequestId",
    "Version",
    "Command",
    "TmnCode",
    "TransactionType",
    "TxnRef",
    "Amount",
    "TransactionNo",
    "TransactionDate",
    "CreateBy",
    "CreateDate",
    "IpAddr",
    "OrderInfo",
]
REFUND_ANSWER_FIELDS = QUERY_ANSWER_FIELDS[:-2]  # without the promotion fields


def _hmac512(secret: str, data: str) -> str:
    return hmac.new(secret.encode(), data.encode("utf-8"), hashlib.sha512).hexdigest()


def sign(params: dict, secret: str) -> str:
    pairs = sorted(
        (k, v) for k, v in params.items() if k.startswith("vnp_") and v and not k.startswith("vnp_SecureHash")
    )
    return _hmac512(secret, urllib.parse.urlencode(pairs))


def verify(params: dict, secret: str) -> bool:
    return hmac.compare_digest(sign(params, secret), params.get("vnp_SecureHash", "").lower())


def sign_pipe(values: dict, order: list[str], secret: str) -> str:
    return _hmac512(secret, "|".join(str(values.get("vnp_" + name, "")) for name in order))


LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
RESULTS = {"success": ("00", "00"), "failure": ("51", "02"), "cancel": ("24", "02")}


def _now() -> str:
    return dt.datetime.now(LOCAL).strftime("%Y%m%d%H%M%S")


class VNPaySimulator(SimulatorServer):
    def __init__(self, *, tmn_code: str, hash_secret: str, ipn_url: str, port: int = 0):
        super().__init__(port)
        self.tmn_code = tmn_code
        self.hash_secret = hash_secret
        self.ipn_url = ipn_url
        self.send_ipn = True
        self.sessions: dict[str, dict] = {}  # browser session token → the signed request
        self.transactions: dict[str, dict] = {}  # TxnRef → result fields
        self.ipn_log: list[dict] = []  # every IPN call: {"params", "status", "reply"}
        self.refunds: list[dict] = []
        self._numbers = itertools.count(14422574)

    @property
    def pay_url(self) -> str:
        return f"{self.url}/paymentv2/vpcpay.html"

    @property
    def api_url(self) -> str:
        return f"{self.url}/merchant_webapi/api/transaction"

    def routes(self) -> dict:
        return {
            ("GET", "/paymentv2/vpcpay.html"): self._payment_page,
            ("POST", "/paymentv2/choose"): self._choose,
            ("POST", "/merchant_webapi/api/transaction"): self._api,
        }

    def _payment_page(self, query: dict, body: bytes, headers):
        if not verify(query, self.hash_secret) or query.get("vnp_TmnCode") != self.tmn_code:
            return html_reply(page("VNPay", "<h1>Giao dịch không hợp lệ</h1><p>Mã lỗi 70: Sai chữ ký.</p>"), 400)
        token = secrets.token_urlsafe(12)
        with self.lock:
            self.sessions[token] = query
        amount = int(query["vnp_Amount"]) // 100
        body_html = (
            "<h1>Thanh toán qua VNPay</h1><dl>"
            f"<dt>Đơn vị</dt><dd>{html.escape(query['vnp_TmnCode'])}</dd>"
            f"<dt>Số tiền</dt><dd>{amount:,} VND</dd>".replace(",", ".")
            + f"<dt>Nội dung</dt><dd>{html.escape(query.get('vnp_OrderInfo', ''))}</dd>"
            f"<dt>Mã giao dịch</dt><dd>{html.escape(query['vnp_TxnRef'])}</dd></dl>"
            "<p>Ngân hàng: NCB (thẻ thử nghiệm 9704198526191432198)</p>"
            + choice_form("/paymentv2/choose", {"s": token})
        )
        return html_reply(page("VNPay", body_html))

    def result_params(self, request: dict, choice: str) -> dict:
        response_code, status = RESULTS[choice]
        number = str(next(self._numbers))
        params = {
            "vnp_Amount": request["vnp_Amount"],
            "vnp_BankCode": "NCB",
            "vnp_BankTranNo": f"VNP{number}" if choice == "success" else "",
            "vnp_CardType": "ATM",
            "vnp_OrderInfo": request.get("vnp_OrderInfo", ""),
            "vnp_PayDate": _now(),
            "vnp_ResponseCode": response_code,
            "vnp_TmnCode": self.tmn_code,
            "vnp_TransactionNo": number if choice == "success" else "0",
            "vnp_TransactionStatus": status,
            "vnp_TxnRef": request["vnp_TxnRef"],
        }
        params = {k: v for k, v in params.items() if v != ""}
        params["vnp_SecureHash"] = sign(params, self.hash_secret)
        return params

    def _choose(self, query: dict, body: bytes, headers):
        form = dict(urllib.parse.parse_qsl(body.decode()))
        with self.lock:
            request = self.sessions.pop(form.get("s", ""), None)
        if request is None or form.get("choice") not in RESULTS:
            return html_reply(page("VNPay", "<h1>Phiên thanh toán đã hết hạn</h1>"), 400)
        params = self.result_params(request, form["choice"])
        with self.lock:
            self.transactions[request["vnp_TxnRef"]] = params
        if self.send_ipn and self.ipn_url:  # VNPay calls the IPN URL the merchant registered, if any
            self.call_ipn(params)
        return redirect(f"{request['vnp_ReturnUrl']}?{urllib.parse.urlencode(params)}")

    def call_ipn(self, params: dict) -> dict:
        status, text = http_call(f"{self.ipn_url}?{urllib.parse.urlencode(params)}")
        try:
            reply = json.loads(text)
        except ValueError:
            reply = {"raw": text}
        entry = {"params": params, "status": status, "reply": reply}
        with self.lock:
            self.ipn_log.append(entry)
        return entry

    def replay_ipn(self, txn_ref: str) -> dict:
        return self.call_ipn(self.transactions[txn_ref] | {})

    def _api(self, query: dict, body: bytes, headers):
        try:
            request = json.loads(body)
        except ValueError:
            return json_reply({"vnp_ResponseCode": "03", "vnp_Message": "Invalid data format"})
        command = request.get("vnp_Command")
        fields = QUERY_FIELDS if command == "querydr" else REFUND_FIELDS
        answer = {
            "vnp_ResponseId": secrets.token_hex(16),
            "vnp_Command": command,
            "vnp_TmnCode": self.tmn_code,
            "vnp_TxnRef": request.get("vnp_TxnRef", ""),
        }
        expected = sign_pipe(request, fields, self.hash_secret)
        if request.get("vnp_TmnCode") != self.tmn_code or expected != str(request.get("vnp_SecureHash", "")).lower():
            answer.update({"vnp_ResponseCode": "97", "vnp_Message": "Invalid Checksum"})
        else:
            with self.lock:
                found = self.transactions.get(request.get("vnp_TxnRef", ""))
            if found is None:
                answer.update({"vnp_ResponseCode": "91", "vnp_Message": "Transaction not found"})
            elif command == "querydr":
                answer.update(
                    {
                        "vnp_ResponseCode": "00",
                        "vnp_Message": "QueryDR Success",
                        "vnp_Amount": found["vnp_Amount"],
                        "vnp_BankCode": found["vnp_BankCode"],
                        "vnp_PayDate": found["vnp_PayDate"],
                        "vnp_TransactionNo": found["vnp_TransactionNo"],
                        "vnp_TransactionType": "01",
                        "vnp_TransactionStatus": found["vnp_TransactionStatus"],
                        "vnp_OrderInfo": found.get("vnp_OrderInfo", ""),
                        "vnp_PromotionCode": "",
                        "vnp_PromotionAmount": "",
                    }
                )
            elif command == "refund":
                paid = found["vnp_TransactionStatus"] == "00"
                answer.update(
                    {
                        "vnp_ResponseCode": "00" if paid else "94",
                        "vnp_Message": "Refund success" if paid else "Transaction not paid",
                        "vnp_Amount": request.get("vnp_Amount", ""),
                        "vnp_BankCode": found["vnp_BankCode"],
                        "vnp_PayDate": _now(),
                        "vnp_TransactionNo": str(next(self._numbers)),
                        "vnp_TransactionType": request.get("vnp_TransactionType", ""),
                        "vnp_TransactionStatus": "05",
                        "vnp_OrderInfo": request.get("vnp_OrderInfo", ""),
                    }
                )
                with self.lock:
                    self.refunds.append(request)
            else:
                answer.update({"vnp_ResponseCode": "02", "vnp_Message": "Invalid command"})
        answer_fields = QUERY_ANSWER_FIELDS if command == "querydr" else REFUND_ANSWER_FIELDS
        answer["vnp_SecureHash"] = sign_pipe(answer, answer_fields, self.hash_secret)
        return json_reply(answer)
