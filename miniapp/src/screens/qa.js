// Questions to the authorities: the published answers, asking one, reading one.

import { submissionToken } from "../drafts.js";
import { date } from "../text.js";
import { busyButton, field, h, link, message } from "../ui.js";

export async function questions(ctx) {
  ctx.title("Hỏi đáp");
  const page = await ctx.api.call("questions", { query: { page: ctx.query.page } });
  return h("div", {},
    h("div", { class: "buttons" }, link("/hoi-dap/hoi/", h("span", { class: "button" }, "Đặt câu hỏi"))),
    h("ul", { class: "list" }, page.results.map((q) => h("li", {},
      link(`/hoi-dap/${q.code}/`, q.title),
      h("p", { class: "meta" }, `${q.topic_name} · ${date(q.answered_at)}`)))));
}

export async function question(ctx) {
  const q = await ctx.api.call("question", { params: { code: ctx.params.code } });
  ctx.title("Hỏi đáp");
  return h("div", {}, h("h2", {}, q.title), h("p", {}, q.question), h("h2", {}, `Trả lời của ${q.agency}`), h("p", {}, q.answer));
}

export async function ask(ctx) {
  ctx.title("Đặt câu hỏi");
  const topics = await ctx.api.call("topics");
  const draft = ctx.drafts.load("question", { topic: "", title: "", body: "", show_name: false });
  const topic = h("select", { name: "topic" }, h("option", { value: "" }, "— Chọn lĩnh vực —"),
    (topics.results || topics).map((t) => h("option", { value: t.slug, selected: t.slug === draft.topic }, t.name)));
  const title = h("input", { name: "title", type: "text", value: draft.title, maxlength: 200 });
  const body = h("textarea", { name: "body" }, draft.body);
  const errors = h("div", { "aria-live": "assertive" });
  const remember = () => {
    Object.assign(draft, { topic: topic.value, title: title.value, body: body.value });
    ctx.drafts.save("question", draft);
  };
  const send = busyButton("Gửi câu hỏi", async () => {
    remember();
    if (!draft.topic || !draft.title.trim() || !draft.body.trim()) {
      return errors.replaceChildren(message("error", "Vui lòng chọn lĩnh vực, ghi tiêu đề và nội dung câu hỏi."));
    }
    const token = submissionToken(draft);
    ctx.drafts.save("question", draft);
    try {
      const sent = await ctx.api.call("ask", { body: { topic: draft.topic, title: draft.title, body: draft.body, show_name: false, submission_token: token } });
      ctx.drafts.clear("question");
      errors.replaceChildren(message("ok", `Đã gửi câu hỏi ${sent.code}. Câu trả lời sẽ đến mục Thông báo.`));
    } catch (error) {
      const detail = error.errors ? Object.values(error.errors).flat().join(" ") : "";
      errors.replaceChildren(message("error", `${error.detail || "Chưa gửi được."} ${detail}`.trim()));
    }
  });
  return h("form", { novalidate: true, onInput: remember, onChange: remember, onSubmit: (e) => e.preventDefault() },
    field({ id: "linh-vuc", label: "Lĩnh vực", input: topic }),
    field({ id: "tieu-de", label: "Tiêu đề", input: title }),
    field({ id: "noi-dung", label: "Nội dung câu hỏi", input: body }),
    errors, h("div", { class: "buttons" }, send));
}
