// A tiny DOM layer: h() builds elements, nothing re-renders behind the citizen's back.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === "class") el.className = value;
    else if (key === "html") el.innerHTML = value; // only for text we built ourselves, never for the server's
    else if (key in el && typeof value !== "string") el[key] = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function link(href, ...children) {
  return h("a", { href, "data-link": "" }, ...children);
}

export function button(label, onClick, attrs = {}) {
  return h("button", { type: "button", class: "button", onClick, ...attrs }, label);
}

// One busy button: disabled while its work runs, so a second tap does nothing twice.
export function busyButton(label, work, attrs = {}) {
  const el = button(label, async () => {
    if (el.disabled) return;
    el.disabled = true;
    el.setAttribute("aria-busy", "true");
    try {
      await work(el);
    } finally {
      el.disabled = false;
      el.removeAttribute("aria-busy");
    }
  }, attrs);
  return el;
}

export function message(kind, text) {
  return h("p", { class: `message ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
}

export function loading(text = "Đang tải…") {
  return h("p", { class: "loading", role: "status" }, text);
}

export function field({ id, label, hint, error, input }) {
  input.id = id;
  if (error) input.setAttribute("aria-invalid", "true");
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const described = [hintId, errorId].filter(Boolean).join(" ");
  if (described) input.setAttribute("aria-describedby", described);
  return h(
    "div",
    { class: error ? "field has-error" : "field" },
    h("label", { for: id }, label),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    error ? h("p", { class: "field-error", id: errorId }, error) : null,
    input,
  );
}
