"""Officer roles map to permission groups, created after every migrate so permissions always exist."""

from agencies.models import OfficerRole

ROLE_GROUP_NAMES = {
    OfficerRole.OFFICER: "Cán bộ xử lý",
    OfficerRole.HEAD: "Lãnh đạo cơ quan",
    OfficerRole.VIEWER: "Xem số liệu",
    OfficerRole.DASHBOARD: "Xem bảng số liệu",
}

_READ_GEOGRAPHY_AND_AGENCIES = [
    "agencies.view_province",
    "agencies.view_ward",
    "agencies.view_agency",
    "agencies.view_officermembership",
    "agencies.view_calendarexception",
]

# Officers see the messages sent about their agencies' work and may send failed ones again.
_NOTIFICATIONS = [
    "notifications.view_notification",
    "notifications.change_notification",
    "notifications.view_deliveryattempt",
]

_REPORTS = [
    "reports.view_report",
    "reports.change_report",
    "reports.view_category",
    "reports.view_routingrule",
    "reports.view_answertemplate",
]

ROLE_PERMISSIONS = {
    OfficerRole.VIEWER: _READ_GEOGRAPHY_AND_AGENCIES + ["notifications.view_notification"],
    # Dashboards come with their own view permission; until then they see their agencies and nothing personal.
    OfficerRole.DASHBOARD: ["agencies.view_agency", "agencies.view_ward", "agencies.view_province"],
    # Desk officers register citizens without Zalo (the create-at-desk page).
    OfficerRole.OFFICER: _READ_GEOGRAPHY_AND_AGENCIES
    + _NOTIFICATIONS
    + _REPORTS
    + ["identity.add_user", "dossiers.view_dossier", "dossiers.change_dossier", "dossiers.view_procedure"],
    # Heads manage who works in the agencies they lead (the admin limits them to those agencies).
    OfficerRole.HEAD: _READ_GEOGRAPHY_AND_AGENCIES
    + _NOTIFICATIONS
    + [
        "agencies.add_officermembership",
        "agencies.change_officermembership",
        "agencies.delete_officermembership",
        "identity.view_user",
        "identity.add_user",
        "dossiers.view_dossier",
        "dossiers.change_dossier",
        "dossiers.view_procedure",
    ]
    # Heads may see who reported (to call them back); officers see it masked.
    + _REPORTS
    + ["reports.view_reporter_contact", "reports.add_answertemplate", "reports.change_answertemplate"],
}
