from django.apps import AppConfig


class QaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "qa"
    verbose_name = "Hỏi đáp"

    def ready(self) -> None:
        from citizen_portal import personal_data, workspace
        from qa.search import ASK, QUESTIONS
        from qa.selectors import personal_data as my_questions
        from qa.services import asker_erase
        from qa.workspace import questions_section
        from search import registry as search_registry

        workspace.register(questions_section)
        personal_data.register("hoi_dap", my_questions, erase=asker_erase)
        search_registry.register(QUESTIONS)
        search_registry.register_no_result_action(ASK)
