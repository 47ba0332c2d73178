// Plain-language helpers shared by every screen: money, dates and search without diacritics.

const VND = new Intl.NumberFormat("vi-VN");

export function money(amount) {
  return `${VND.format(Number(amount) || 0)} đồng`;
}

export function date(value) {
  if (!value) return "—";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return "—";
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

export function dateTime(value) {
  if (!value) return "—";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return "—";
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())} ${date(value)}`;
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
