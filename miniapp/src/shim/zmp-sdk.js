// A stand-in for the Zalo container, for tests and the demo only (vite --mode shim aliases "zmp-sdk/apis" here).
// Every answer comes from the Zalo simulator (manage.py zalo_simulator), which issues the same kinds of tokens
// Zalo does; our server verifies them at the simulator's Graph endpoints exactly as it does Zalo's in production.
// The dialogs below play Zalo's own sheets (choose who you are, allow phone/location, confirm a payment).

const env = (typeof window !== "undefined" && window.APP_ENV) || {};
const SIM = (env.zaloSim || "http://127.0.0.1:8790").replace(/\/$/, "");

async function sim(path, body) {
  const response = await fetch(`${SIM}${path}`, body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  if (data.error && data.error !== 0) throw Object.assign(new Error(data.message || "Zalo error"), { code: data.error });
  return data;
}

function sheet(title, text, choices) {
  return new Promise((resolve) => {
    const overlay = document.createElement("div");
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", title);
    overlay.className = "zalo-sheet";
    overlay.style.cssText = "position:fixed;inset:0;z-index:99;background:rgba(0,0,0,.45);display:flex;align-items:flex-end";
    const panel = document.createElement("div");
    panel.style.cssText = "background:#fff;width:100%;padding:16px;border-radius:16px 16px 0 0;font:18px/1.5 system-ui,sans-serif";
    const heading = document.createElement("h2");
    heading.textContent = title;
    heading.style.margin = "0 0 8px";
    const body = document.createElement("p");
    body.textContent = text;
    panel.append(heading, body);
    for (const [label, value, primary] of choices) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.style.cssText = `display:block;width:100%;min-height:48px;margin:8px 0 0;border-radius:10px;font:inherit;font-weight:600;${primary ? "background:#0068ff;color:#fff;border:0" : "background:#fff;color:#0068ff;border:2px solid #0068ff"}`;
      button.addEventListener("click", () => {
        overlay.remove();
        resolve(value);
      });
      panel.append(button);
    }
    overlay.append(panel);
    document.body.append(overlay);
    panel.querySelector("button").focus();
  });
}

async function zaloUser() {
  const chosen = env.zaloUser || localStorage.getItem("shim:zalo-user");
  if (chosen) return chosen;
  const { users } = await sim("/miniapp/users");
  const picked = await sheet("Zalo (giả lập)", "Bạn đang dùng Zalo với tài khoản nào?", users.map((u) => [u.name, u.id, false]));
  localStorage.setItem("shim:zalo-user", picked);
  return picked;
}

let accessToken = null;

export async function getAccessToken() {
  if (!accessToken) accessToken = (await sim("/miniapp/access_token", { user_id: await zaloUser() })).access_token;
  return accessToken;
}

export async function getPhoneNumber() {
  const allowed = await sheet("Zalo", "Cho phép Cổng Công dân lấy số điện thoại của bạn?", [["Cho phép", true, true], ["Từ chối", false, false]]);
  if (!allowed) throw Object.assign(new Error("User denied"), { code: -201 });
  return { token: (await sim("/miniapp/phone_token", { access_token: await getAccessToken() })).token };
}

function where() {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(env.demoLocation || { latitude: 11.3101, longitude: 106.0983 });
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => resolve(env.demoLocation || { latitude: 11.3101, longitude: 106.0983 }),
      { timeout: 5000 },
    );
  });
}

export async function getLocation() {
  const allowed = await sheet("Zalo", "Cho phép Cổng Công dân lấy vị trí hiện tại của bạn?", [["Cho phép", true, true], ["Từ chối", false, false]]);
  if (!allowed) throw Object.assign(new Error("User denied"), { code: -201 });
  const place = await where();
  return { token: (await sim("/miniapp/location_token", { access_token: await getAccessToken(), ...place })).token };
}

export function chooseImage({ count = 1, sourceType = ["album", "camera"] } = {}) {
  return new Promise((resolve, reject) => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = "image/*";
    input.multiple = count > 1;
    if (sourceType.length === 1 && sourceType[0] === "camera") input.capture = "environment";
    input.style.display = "none";
    input.addEventListener("change", () => {
      const files = [...input.files].slice(0, count);
      input.remove();
      if (!files.length) return reject(Object.assign(new Error("No image"), { code: -201 }));
      resolve({ filePaths: files.map((f) => URL.createObjectURL(f)), tempFiles: files.map((f) => ({ path: URL.createObjectURL(f), size: f.size })) });
    });
    document.body.append(input);
    input.click();
  });
}

export const nativeStorage = {
  getItem: (key) => localStorage.getItem(`zmp:${key}`),
  setItem: (key, value) => localStorage.setItem(`zmp:${key}`, value),
  removeItem: (key) => localStorage.removeItem(`zmp:${key}`),
  clear: () => Object.keys(localStorage).filter((k) => k.startsWith("zmp:")).forEach((k) => localStorage.removeItem(k)),
  getStorageInfo: () => ({ currentSize: 0, limitSize: 5120 }),
};

export async function openWebview({ url }) {
  window.open(url, "_blank", "noopener");
}

// Checkout SDK: Checkout checks our server's mac, shows its sheet; on confirmation its server calls our callback.
export async function createOrder(params) {
  const token = await getAccessToken();
  const { data } = await sim("/miniapp/checkout/create", { ...params, access_token: token });
  const amount = new Intl.NumberFormat("vi-VN").format(params.amount);
  const choice = await sheet("Thanh toán (Zalo Checkout giả lập)", `${params.desc}: ${amount} đồng`, [
    ["Xác nhận thanh toán", "success", true],
    ["Huỷ", "cancel", false],
  ]);
  await sim("/miniapp/checkout/pay", { orderId: data.orderId, access_token: token, result: choice });
  if (choice === "cancel") throw Object.assign(new Error("Người dùng huỷ thanh toán"), { code: -2 });
  return { orderId: data.orderId };
}
