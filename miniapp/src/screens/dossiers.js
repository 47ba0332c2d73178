// Online dossiers: find a procedure, start, fill the form (saved at every change), add papers from the camera,
// check everything, submit; then follow it in "Hồ sơ của tôi" with its slips and results.

import { ApiError } from "../api.js";
import { submissionToken } from "../drafts.js";
import { money, date, dateTime, kilobytes } from "../text.js";
import { busyButton, button, field, h, link, loading, message } from "../ui.js";
import { HOME_PROVINCE } from "../env.js";
import { needsLevel2, payInvoice } from "./shared.js";

export async function catalogue(ctx) {
  ctx.title("Nộp hồ sơ");
  const q = ctx.query.q || "";
  const results = h("div", {}, q ? loading() : h("p", { class: "hint" }, "Gõ tên thủ tục, có dấu hay không dấu đều được: khai sinh, ket hon, ho khau…"));
  const input = h("input", { id: "tim-thu-tuc", type: "search", value: q, enterkeyhint: "search", name: "q" });
  const form = h(
    "form",
    { role: "search", class: "search", onSubmit: (e) => {
      e.preventDefault();
      ctx.go(`/ho-so/?q=${encodeURIComponent(input.value.trim())}`, { replace: true });
    } },
    h("label", { for: "tim-thu-tuc", class: "visually-hidden" }, "Tìm thủ tục"),
    input,
    h("button", { type: "submit", class: "button" }, "Tìm"),
  );
  if (q) {
    const found = await ctx.api.call("search", { query: { q, source: "thu-tuc", limit: 20 } });
    const hits = (found.groups[0] || { results: [] }).results;
    results.replaceChildren(
      hits.length
        ? h("ul", { class: "list" }, hits.map((hit) => h("li", {}, link(hit.url, hit.title), h("p", { class: "meta" }, hit.summary))))
        : message("info", `Không tìm thấy thủ tục nào cho “${q}”. Thử từ khác ngắn hơn, ví dụ “khai sinh”.`),
    );
  }
  return h("div", {}, form, results, h("p", {}, link("/ho-so/cua-toi/", "Hồ sơ của tôi")));
}

export async function procedure(ctx) {
  const p = await ctx.api.call("procedure", { params: { public_id: ctx.params.id } });
  ctx.title("Thủ tục");
  const online = p.online_level !== "information" && p.cases.length > 0 && p.agencies.length > 0;
  const caseSelect = h("select", { name: "case" }, p.cases.map((c) => h("option", { value: c.id }, `${c.name} — ${c.duration_text}`)));
  const agencySelect = h(
    "select",
    { name: "agency" },
    p.agencies.length > 1 ? h("option", { value: "" }, "— Chọn nơi nộp —") : null,
    p.agencies.map((a) => h("option", { value: a.identifier, selected: a.identifier === p.suggested_agency }, a.name)),
  );
  const problemBox = h("div", { "aria-live": "polite" });
  const start = busyButton("Bắt đầu nộp hồ sơ", async () => {
    if (!agencySelect.value) {
      problemBox.replaceChildren(message("error", "Vui lòng chọn nơi nộp hồ sơ."));
      agencySelect.focus();
      return;
    }
    try {
      const draft = await ctx.api.call("startDraft", {
        body: { procedure: p.public_id, case: Number(caseSelect.value), agency: agencySelect.value },
      });
      ctx.go(`/ho-so/cua-toi/${draft.public_id}/khai/`);
    } catch (error) {
      if (error instanceof ApiError && error.code === "identity_level_required") return problemBox.replaceChildren(needsLevel2(ctx));
      problemBox.replaceChildren(message("error", error.detail || "Không bắt đầu được. Vui lòng thử lại."));
    }
  });
  const documents = (p.cases[0] || { documents: [] }).documents;
  return h(
    "div",
    {},
    h("h2", {}, p.name),
    h("dl", { class: "facts" },
      h("dt", {}, "Lĩnh vực"), h("dd", {}, p.field),
      h("dt", {}, "Lệ phí"), h("dd", {}, p.fee_amount ? money(p.fee_amount) : "Không mất phí"),
    ),
    h("h2", {}, "Giấy tờ cần có"),
    h("ul", {}, documents.map((d) => h("li", {}, d.name, d.required ? "" : " (nếu có)"))),
    online
      ? h("div", {},
          h("h2", {}, "Nộp trực tuyến"),
          field({ id: "truong-hop", label: "Trường hợp của bạn", input: caseSelect }),
          field({ id: "noi-nop", label: "Nộp tại", input: agencySelect }),
          problemBox,
          start)
      : message("info", "Thủ tục này chưa nộp trực tuyến được; mời bạn đến bộ phận một cửa."),
  );
}

export async function myDossiers(ctx) {
  ctx.title("Hồ sơ của tôi");
  const page = await ctx.api.call("myDossiers");
  const items = page.results || page;
  if (!items.length) return h("div", {}, message("info", "Bạn chưa có hồ sơ nào."), link("/ho-so/", "Tìm thủ tục để nộp"));
  return h("ul", { class: "list" }, items.map((d) =>
    h("li", {},
      link(d.status === "draft" ? `/ho-so/cua-toi/${d.public_id}/khai/` : `/ho-so/cua-toi/${d.public_id}/`, d.procedure),
      h("p", { class: "meta" }, d.code || "Bản nháp — chưa nộp"),
      h("span", { class: "status" }, d.status_display),
      d.due_at && d.status !== "draft" ? h("p", { class: "meta" }, `Hẹn trả: ${date(d.due_at)}`) : null,
    )));
}

export async function dossier(ctx) {
  const d = await ctx.api.call("myDossier", { params: { public_id: ctx.params.id } });
  if (d.status === "draft") return ctx.go(`/ho-so/cua-toi/${d.public_id}/khai/`, { replace: true });
  ctx.title(d.code || "Hồ sơ");
  const parts = [
    h("h2", {}, d.procedure),
    h("p", {}, h("span", { class: "status" }, d.status_display)),
    h("dl", { class: "facts" },
      h("dt", {}, "Mã hồ sơ"), h("dd", {}, d.code || "Có khi cơ quan tiếp nhận"),
      h("dt", {}, "Nộp tại"), h("dd", {}, d.agency),
      h("dt", {}, "Nộp lúc"), h("dd", {}, dateTime(d.submitted_at)),
      h("dt", {}, "Hẹn trả"), h("dd", {}, date(d.due_at)),
    ),
  ];
  if (d.status === "supplement_requested") {
    parts.push(message("info", "Cơ quan đề nghị bổ sung giấy tờ. Thêm giấy tờ rồi bấm “Tôi đã bổ sung xong”."),
      link(`/ho-so/cua-toi/${d.public_id}/giay-to/`, "Thêm giấy tờ bổ sung"));
  }
  if (d.status === "awaiting_fee") {
    parts.push(message("info", "Hồ sơ đang chờ nộp lệ phí."), link("/thanh-toan/", "Nộp lệ phí trong Zalo"));
  }
  if (d.slips.length) {
    parts.push(h("h2", {}, "Phiếu của cơ quan"), h("ul", { class: "list" }, d.slips.map((s) =>
      h("li", {}, button(`Mở ${s.name.toLowerCase()}`, () => ctx.zalo.openWeb(ctx.web(s.url)), { class: "button secondary" })))));
  }
  const results = d.attachments.filter((a) => a.kind === "result");
  if (results.length) {
    parts.push(h("h2", {}, "Kết quả"), h("ul", { class: "list" }, results.map((a) =>
      h("li", {}, button(`Tải ${a.name}`, () => ctx.zalo.openWeb(ctx.web(a.url)), { class: "button" })))));
  }
  if (d.status === "submitted") parts.push(message("ok", "Đã nộp. Cơ quan sẽ kiểm tra và tiếp nhận; bạn nhận tin qua Zalo và mục Thông báo."));
  parts.push(h("h2", {}, "Quá trình xử lý"), h("ol", {}, d.history.map((step) => h("li", {}, `${dateTime(step.at)} — ${step.status_display}`, step.note ? `: ${step.note}` : ""))));
  return h("div", {}, parts);
}

let wards = [];

function inputFor(spec, value) {
  const common = { name: spec.key, required: spec.required };
  if (spec.type === "choice" || (spec.choices && spec.choices.length)) {
    return h("select", common, h("option", { value: "" }, "— Chọn —"), (spec.choices || []).map((c) => {
      const [v, label] = Array.isArray(c) ? c : [c, c];
      return h("option", { value: v, selected: String(value) === String(v) }, label);
    }));
  }
  if (spec.type === "ward") {
    return h("select", common, h("option", { value: "" }, "— Chọn phường, xã —"), wards.map((w) =>
      h("option", { value: w.code, selected: String(value) === String(w.code) }, w.name)));
  }
  if (spec.type === "long_text") return h("textarea", common, value || "");
  if (spec.type === "date") {
    const shown = /^\d{4}-\d{2}-\d{2}$/.test(value || "") ? value.split("-").reverse().join("/") : value || "";
    return h("input", { ...common, type: "text", inputmode: "numeric", placeholder: "ngày/tháng/năm", value: shown });
  }
  if (spec.type === "number" || spec.type === "citizen_id") return h("input", { ...common, type: "text", inputmode: "numeric", value: value ?? "" });
  if (spec.type === "phone") return h("input", { ...common, type: "tel", value: value ?? "" });
  return h("input", { ...common, type: "text", value: value ?? "" });
}

export async function dossierForm(ctx) {
  const d = await ctx.api.call("myDossier", { params: { public_id: ctx.params.id } });
  if (d.status !== "draft") return ctx.go(`/ho-so/cua-toi/${d.public_id}/`, { replace: true });
  ctx.title("Khai thông tin");
  if (d.fields_spec.some((spec) => spec.type === "ward") && !wards.length) {
    for (let page = 1; page < 20; page += 1) {
      const found = await ctx.api.call("wards", { query: { province: HOME_PROVINCE, page_size: 100, page } });
      wards.push(...found.results);
      if (!found.next) break;
    }
  }
  const key = `dossier:${d.public_id}`;
  // What is on the phone wins over the server: it is newer if the last save did not reach the server.
  const local = ctx.drafts.load(key, { answers: {}, unsent: false });
  const answers = { ...d.answers, ...(local.unsent ? local.answers : {}) };
  const status = h("p", { class: "meta", role: "status", "aria-live": "polite" }, local.unsent ? "Có thay đổi chưa gửi lên máy chủ." : "");
  // What is missing is said once the citizen has tried to go on (from the check page), not on a fresh form.
  const errors = ctx.query["kiem-tra"] ? Object.fromEntries((d.missing || []).filter((g) => g.field).map((g) => [g.field, g.text])) : {};
  const locked = new Set(d.verified_fields || []);
  let timer = null;

  async function flush() {
    clearTimeout(timer);
    const state = ctx.drafts.load(key, { answers: {} });
    if (!state.unsent) return true;
    try {
      await ctx.api.call("saveAnswers", { params: { public_id: d.public_id }, body: { answers: state.answers } });
      ctx.drafts.save(key, { answers: state.answers, unsent: false });
      status.textContent = "Đã lưu.";
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === "validation_error" && error.errors) {
        // The right answers are kept by the server; the wrong ones are shown beside their field.
        for (const [name, texts] of Object.entries(error.errors)) showError(name, texts.join(" "));
        status.textContent = "Có ô cần sửa (đánh dấu đỏ).";
        return false;
      }
      status.textContent = error.detail || "Chưa lưu được lên máy chủ; đã giữ trên máy.";
      return false;
    }
  }

  function showError(name, text) {
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    const box = input && input.closest(".field");
    if (!box) return;
    box.classList.add("has-error");
    let p = box.querySelector(".field-error");
    if (!p) {
      p = h("p", { class: "field-error", id: `${input.id}-error` });
      box.insertBefore(p, input);
    }
    p.textContent = text;
    input.setAttribute("aria-invalid", "true");
  }

  function remember(event) {
    const input = event.target;
    if (!input.name) return;
    const state = ctx.drafts.load(key, { answers: {} });
    state.answers[input.name] = input.type === "checkbox" ? input.checked : input.value;
    state.unsent = true;
    ctx.drafts.save(key, state);
    status.textContent = "Đang lưu…";
    clearTimeout(timer);
    timer = setTimeout(flush, 800);
  }

  const sections = [];
  for (const spec of d.fields_spec) {
    let section = sections.find((s) => s.name === spec.section);
    if (!section) sections.push((section = { name: spec.section, fields: [] }));
    section.fields.push(spec);
  }
  const form = h("form", { novalidate: true, onInput: remember, onChange: remember, onSubmit: (e) => e.preventDefault() },
    sections.map((section) => h("fieldset", {},
      section.name ? h("legend", {}, h("h2", {}, section.name)) : null,
      section.fields.map((spec) => {
        const id = `f-${spec.key}`;
        if (spec.type === "checkbox" || spec.type === "boolean") {
          const box = h("input", { type: "checkbox", name: spec.key, id, checked: answers[spec.key] === true || answers[spec.key] === "on" });
          return h("div", { class: errors[spec.key] ? "field has-error" : "field" },
            errors[spec.key] ? h("p", { class: "field-error" }, errors[spec.key]) : null,
            h("label", { class: "check", for: id }, box, h("span", {}, spec.label)));
        }
        const input = inputFor(spec, answers[spec.key]);
        if (locked.has(spec.key)) input.readOnly = true;
        const hint = locked.has(spec.key) ? "Theo danh tính đã xác thực qua Tây Ninh ID." : spec.help_text;
        return field({ id, label: spec.label + (spec.required ? "" : " (không bắt buộc)"), hint, error: errors[spec.key], input });
      }),
    )),
  );
  if (local.unsent) flush();
  window.addEventListener("online", flush, { once: true });
  const next = busyButton("Lưu và tiếp tục: giấy tờ", async () => {
    if (await flush()) ctx.go(`/ho-so/cua-toi/${d.public_id}/giay-to/`);
  });
  return h("div", {}, h("h2", {}, d.procedure), h("p", { class: "hint" }, "Mỗi thay đổi được lưu ngay; bạn có thể đóng ứng dụng và làm tiếp sau."), form, status, h("div", { class: "buttons" }, next));
}

export async function dossierPapers(ctx) {
  const d = await ctx.api.call("myDossier", { params: { public_id: ctx.params.id } });
  ctx.title("Giấy tờ");
  const editable = d.status === "draft" || d.status === "supplement_requested";
  if (!editable) return ctx.go(`/ho-so/cua-toi/${d.public_id}/`, { replace: true });
  const box = h("div", {});

  function render(current) {
    box.replaceChildren(...current.documents.map((doc) => {
      const files = current.attachments.filter((a) => a.document_key === doc.key);
      const note = h("div", { "aria-live": "polite" });
      const add = busyButton(files.length ? "Thêm ảnh khác" : "Chụp hoặc chọn ảnh", async () => {
        let photos;
        try {
          photos = await ctx.zalo.photos({ count: 1 });
        } catch {
          return note.replaceChildren(message("error", "Chưa chọn được ảnh. Hãy cho phép dùng máy ảnh rồi thử lại."));
        }
        for (const photo of photos) {
          note.replaceChildren(loading(`Đang gửi ảnh (${kilobytes(photo.blob.size)})…`));
          try {
            await ctx.api.call("addPaper", { params: { public_id: d.public_id }, form: { document: doc.key, file: photo } });
          } catch (error) {
            return note.replaceChildren(message("error", error.detail || "Chưa gửi được ảnh; hãy thử lại."));
          }
        }
        render(await ctx.api.call("myDossier", { params: { public_id: d.public_id } }));
      }, { class: files.length ? "button secondary" : "button" });
      return h("section", { class: "paper" },
        h("h2", {}, doc.name, doc.required ? "" : " (nếu có)"),
        files.length
          ? h("ul", { class: "list papers" }, files.map((file) => h("li", {},
              h("p", {}, `✓ ${file.name} (${kilobytes(file.size)})`),
              busyButton("Xoá tệp này", async () => {
                try {
                  await ctx.api.call("removePaper", { params: { public_id: d.public_id, attachment_id: file.public_id } });
                } catch (error) {
                  return note.replaceChildren(message("error", error.detail));
                }
                render(await ctx.api.call("myDossier", { params: { public_id: d.public_id } }));
              }, { class: "button secondary" }))))
          : h("p", { class: "meta" }, "Chưa có tệp."),
        note,
        add);
    }));
  }
  render(d);
  const done = d.status === "draft"
    ? link(`/ho-so/cua-toi/${d.public_id}/kiem-tra/`, h("span", { class: "button" }, "Tiếp tục: kiểm tra lại"))
    : busyButton("Tôi đã bổ sung xong", async () => {
        try {
          await ctx.api.call("supplementDone", { params: { public_id: d.public_id } });
          ctx.go(`/ho-so/cua-toi/${d.public_id}/`, { replace: true });
        } catch (error) {
          box.prepend(message("error", error.detail));
        }
      });
  return h("div", {}, h("p", { class: "hint" }, "Chụp rõ cả tờ giấy, đủ sáng. Mỗi ảnh được gửi ngay và giữ lại trên máy chủ."), box, h("div", { class: "buttons" }, done));
}

export async function dossierCheck(ctx) {
  const d = await ctx.api.call("myDossier", { params: { public_id: ctx.params.id } });
  if (d.status !== "draft") return ctx.go(`/ho-so/cua-toi/${d.public_id}/`, { replace: true });
  ctx.title("Kiểm tra lại");
  const key = `dossier:${d.public_id}`;
  const answerRows = d.fields_spec.map((spec) => {
    const value = d.answers[spec.key];
    let shown = value === true || value === "on" ? "Có" : value === false || value === undefined || value === "" ? "—" : String(value);
    if (spec.type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(shown)) shown = shown.split("-").reverse().join("/");
    if (spec.type === "ward") shown = (wards.find((w) => String(w.code) === shown) || { name: shown }).name;
    return [h("dt", {}, spec.label), h("dd", {}, shown)];
  });
  const problems = h("div", { "aria-live": "polite" });
  if (d.missing.length) {
    problems.append(message("error", "Còn thiếu trước khi nộp:"), h("ul", {}, d.missing.map((gap) =>
      h("li", {}, link(gap.document ? `/ho-so/cua-toi/${d.public_id}/giay-to/` : `/ho-so/cua-toi/${d.public_id}/khai/?kiem-tra=1`, gap.text)))));
  }
  const submit = busyButton("Nộp hồ sơ", async () => {
    const state = ctx.drafts.load(key, { answers: {} });
    const token = submissionToken(state);
    ctx.drafts.save(key, state);
    try {
      const sent = await ctx.api.call("submitDossier", { params: { public_id: d.public_id }, body: { submission_token: token } });
      ctx.drafts.clear(key);
      ctx.go(`/ho-so/cua-toi/${sent.public_id}/`, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === "identity_level_required") return problems.replaceChildren(needsLevel2(ctx));
      problems.replaceChildren(message("error", error.detail || "Chưa nộp được; hãy thử lại. Hồ sơ vẫn còn nguyên."));
    }
  }, { disabled: d.missing.length > 0 });
  return h("div", {},
    h("h2", {}, d.procedure),
    h("dl", { class: "facts" }, answerRows),
    h("p", {}, link(`/ho-so/cua-toi/${d.public_id}/khai/`, "Sửa thông tin")),
    h("h2", {}, "Giấy tờ"),
    h("ul", {}, d.documents.map((doc) => {
      const count = d.attachments.filter((a) => a.document_key === doc.key).length;
      return h("li", {}, `${doc.name}: ${count ? `${count} tệp` : "chưa có"}`);
    })),
    h("p", {}, link(`/ho-so/cua-toi/${d.public_id}/giay-to/`, "Sửa giấy tờ")),
    problems,
    h("div", { class: "buttons" }, submit),
  );
}

export { payInvoice };
