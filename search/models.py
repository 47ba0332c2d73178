"""One index for the whole portal: a row per searchable thing (a procedure, a published answer, later a news
article or a shop), written by the utility that owns it through `search.registry`, and the officers' synonyms."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models

from search.normalise import normalise


class SearchDocument(models.Model):
    source = models.SlugField("nguồn", max_length=32)
    key = models.CharField("mã trong nguồn", max_length=64)
    title = models.CharField("tiêu đề", max_length=500)
    summary = models.CharField("tóm tắt", max_length=500, blank=True)
    url = models.CharField("địa chỉ", max_length=500)
    # Normalised copies (search.normalise): what both databases match against.
    title_norm = models.CharField(max_length=500, editable=False)
    summary_norm = models.CharField(max_length=500, editable=False, blank=True)
    body_norm = models.TextField(editable=False, blank=True)
    # " word word … ": every distinct word once, for the portable (SQLite) path's whole-word matching.
    words = models.TextField(editable=False, blank=True)
    # PostgreSQL: title (A) > summary (B) > body (C) under the `simple` configuration; filled by the index service.
    # On SQLite the column exists and stays empty.
    vector = SearchVectorField(null=True, editable=False)
    # The title alone: small (never out of line in TOAST), so ranking thousands of title matches stays cheap.
    title_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "mục tìm kiếm"
        verbose_name_plural = "mục tìm kiếm"
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="one_search_document_per_object")]

    def __str__(self) -> str:
        return self.title


class Synonym(models.Model):
    """A word citizens use → the word the administration writes ("hộ khẩu" → "cư trú"). A query containing the
    term also finds documents with the replacement; several rows may share a term."""

    term = models.CharField("người dân gõ", max_length=100, help_text="Ví dụ: hộ khẩu, sao y, làm CCCD")
    replacement = models.CharField("cũng tìm theo", max_length=100, help_text="Ví dụ: cư trú, chứng thực, căn cước")
    term_norm = models.CharField(max_length=100, editable=False, db_index=True)
    replacement_norm = models.CharField(max_length=100, editable=False)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["term", "replacement"]
        verbose_name = "từ đồng nghĩa"
        verbose_name_plural = "từ đồng nghĩa"
        constraints = [models.UniqueConstraint(fields=["term_norm", "replacement_norm"], name="one_synonym_pair")]

    def __str__(self) -> str:
        return f"{self.term} → {self.replacement}"

    def clean(self) -> None:
        # The admin's form does not hold the normalised columns, so Django would not check their uniqueness.
        term, replacement = normalise(self.term), normalise(self.replacement)
        if not term or not replacement:
            raise ValidationError("Cần có chữ hoặc số ở cả hai ô.")
        if term == replacement:
            raise ValidationError("Hai ô đang giống nhau: không cần thêm.")
        same = Synonym.objects.filter(term_norm=term, replacement_norm=replacement).exclude(pk=self.pk)
        if same.exists():
            raise ValidationError(f"Đã có cặp “{self.term} → {self.replacement}” (viết có dấu hoặc không dấu).")

    def save(self, *args, **kwargs) -> None:
        self.term_norm = normalise(self.term)
        self.replacement_norm = normalise(self.replacement)
        super().save(*args, **kwargs)
