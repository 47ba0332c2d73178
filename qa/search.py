"""Published answers in the portal search: the public title is the title, the topic the summary, the public
question and the answer the body. Unpublished questions are never indexed."""

from __future__ import annotations

from qa.models import Question
from search.registry import Document, NoResultAction, SearchSource


def _published():
    return Question.objects.published().select_related("topic")


def question_document(question: Question) -> Document:
    return Document(
        title=question.shown_title,
        url=question.get_absolute_url(),
        summary=f"Hỏi đáp · {question.topic.name}",
        body=f"{question.shown_body} {question.answer}",
    )


QUESTIONS = SearchSource(
    name="hoi-dap", label="Hỏi đáp", model=Question, queryset=_published, document=question_document, order=20
)
ASK = NoResultAction("Đặt câu hỏi cho cơ quan nhà nước", "qa:ask")
