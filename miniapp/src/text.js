// Plain-language helpers shared by every screen: money, dates and search without diacritics.

const VND = new Intl.NumberFormat("vi-VN");

export function money(amount) {
  return `${VND.format(Number(amount) || 0)} đồng`;
}

// Vietnam's time, whatever the phone's clock zone says: the office's 17:00 is 17:00 on every screen.
const PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Ho_Chi_Minh",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(value) {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(PARTS.formatToParts(d).map((p) => [p.type, p.value]));
}

export function date(value) {
  const p = parts(value);
  return p ? `${p.day}/${p.month}/${p.year}` : "—";
}

export function dateTime(value) {
  const p = parts(value);
  return p ? `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}` : "—";
}

// "Hồ sơ" and "ho so" are the same words to a citizen typing on a phone.
export function fold(text) {
  return String(text || "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .trim();
}

export function kilobytes(size) {
  return `${Math.max(1, Math.round((Number(size) || 0) / 1024))} KB`;
}
