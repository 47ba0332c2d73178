"""Q&A API: published answers for everyone, the citizen's own questions, and the officers' routes apart;
transitions as POST actions calling the same services as the pages and the back office."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from agencies.models import Agency
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.api.inputs import validated
from identity.models import User
from qa.api.serializers import (
    AskInput,
    MyQuestionSerializer,
    OfficerQuestionSerializer,
    PublicQuestionSerializer,
    PublishInput,
    QuestionAssignInput,
    QuestionTextInput,
    QuestionTransferInput,
    TopicSerializer,
    VoteInput,
)
from qa.models import Question, Topic
from qa.selectors import public_questions
from qa.services import (
    question_answer,
    question_approve_publication,
    question_assign,
    question_follow_up,
    question_keep_private,
    question_publish,
    question_reject,
    question_submit,
    question_transfer,
    question_vote,
)
from qa.views import _ask_allowed


def _agency(identifier: str | None) -> Agency | None:
    if not identifier:
        return None
    agency = Agency.objects.active().filter(identifier=identifier).first()
    if agency is None:
        raise ApplicationError("Không có cơ quan với mã này.", code="agency_invalid")
    return agency


class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TopicSerializer
    permission_classes = [permissions.AllowAny]
    pagination_class = None
    lookup_field = "slug"
    queryset = Topic.objects.filter(is_active=True)


class PublicQuestionViewSet(viewsets.ReadOnlyModelViewSet):
    """Published questions with their answers, newest first (`?topic=`, `?order=xem-nhieu`)."""

    serializer_class = PublicQuestionSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"

    def get_queryset(self):
        params = self.request.query_params
        questions = public_questions(topic_slug=params.get("topic", ""), order=params.get("order", "moi-nhat"))
        return questions.prefetch_related("procedures")

    @extend_schema(request=VoteInput, responses=PublicQuestionSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def vote(self, request, code=None):
        question = question_vote(question=self.get_object(), user=request.user, **validated(VoteInput, request.data))
        return Response(self.get_serializer(question).data)


class MyQuestionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The signed-in citizen's questions. POST (JSON, or multipart with `attachment`) asks one."""

    serializer_class = MyQuestionSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "code"
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        return (
            Question.objects.for_asker(self.request.user)
            .select_related("topic", "agency")
            .prefetch_related("follow_ups", "procedures")
            .order_by("-submitted_at")
        )

    @extend_schema(request=AskInput, responses={201: MyQuestionSerializer})
    def create(self, request):
        data = validated(AskInput, request.data)
        if not _ask_allowed(request):
            raise Throttled(detail="Bạn đã gửi nhiều câu hỏi trong một giờ qua. Vui lòng thử lại sau.")
        question = question_submit(
            asker=request.user,
            topic=data["topic"],
            title=data["title"],
            body=data["body"],
            agency=_agency(data.get("agency")),
            attachment=data.get("attachment"),
            show_name=data["show_name"],
            submission_token=data.get("submission_token"),
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=question.pk)).data, status=201)

    @extend_schema(request=QuestionTextInput, responses=MyQuestionSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, code=None):
        question = self.get_object()
        question_follow_up(
            question=question, asker=request.user, text=validated(QuestionTextInput, request.data)["text"]
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=question.pk)).data)


class OfficerQuestionViewSet(viewsets.ReadOnlyModelViewSet):
    """Questions for the officer's agencies, late ones first (`?status=`)."""

    serializer_class = OfficerQuestionSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "code"

    def get_queryset(self):
        questions = (
            Question.objects.for_user(self.request.user)
            .select_related("topic", "agency", "assignee")
            .prefetch_related("follow_ups", "procedures")
        )
        status = self.request.query_params.get("status")
        if status:
            questions = questions.filter(status=status)
        return questions.overdue_first()

    def _done(self, question):
        return Response(self.get_serializer(self.get_queryset().get(pk=question.pk)).data)

    @extend_schema(request=QuestionAssignInput, responses=OfficerQuestionSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, code=None):
        question = self.get_object()
        data = validated(QuestionAssignInput, request.data)
        assignee = get_object_or_404(User, public_id=data["assignee"]) if data["assignee"] else None
        return self._done(question_assign(question=question, officer=request.user, assignee=assignee))

    @extend_schema(request=QuestionTextInput, responses=OfficerQuestionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, code=None):
        question = self.get_object()
        text = validated(QuestionTextInput, request.data)["text"]
        return self._done(question_answer(question=question, officer=request.user, answer=text))

    @extend_schema(request=PublishInput, responses=OfficerQuestionSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, code=None):
        question = self.get_object()
        data = validated(PublishInput, request.data)
        return self._done(question_publish(question=question, officer=request.user, **data))

    @extend_schema(request=None, responses=OfficerQuestionSerializer)
    @action(detail=True, methods=["post"], url_path="approve-publication")
    def approve_publication(self, request, code=None):
        return self._done(question_approve_publication(question=self.get_object(), head=request.user))

    @extend_schema(request=None, responses=OfficerQuestionSerializer)
    @action(detail=True, methods=["post"], url_path="keep-private")
    def keep_private(self, request, code=None):
        return self._done(question_keep_private(question=self.get_object(), officer=request.user))

    @extend_schema(request=QuestionTextInput, responses=OfficerQuestionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, code=None):
        question = self.get_object()
        reason = validated(QuestionTextInput, request.data)["text"]
        return self._done(question_reject(question=question, officer=request.user, reason=reason))

    @extend_schema(request=QuestionTransferInput, responses=OfficerQuestionSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request, code=None):
        question = self.get_object()
        data = validated(QuestionTransferInput, request.data)
        agency = _agency(data["agency"])
        moved = question_transfer(question=question, officer=request.user, agency=agency, note=data["note"])
        return Response(OfficerQuestionSerializer(moved).data)
