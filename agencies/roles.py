"""Officer roles map to permission groups, created after every migrate so permissions always exist.

Every model an officer opens in the back office needs its view permission here, inlines included: a dossier whose
attachments the officer may not view shows no attachments. The role matrix test pins these lists."""

from agencies.models import OfficerRole

ROLE_GROUP_NAMES = {
    OfficerRole.OFFICER: "Cán bộ xử lý",
    OfficerRole.HEAD: "Lãnh đạo cơ quan",
    OfficerRole.VIEWER: "Xem số liệu",
    OfficerRole.DASHBOARD: "Xem bảng số liệu",
    OfficerRole.EDITOR: "Biên tập tin tức",
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

# The whole dossier as the citizen gave it and as it was handled: files, declaration, slips, history, pauses,
# supplement requests, internal steps; and the catalogue it was submitted under.
_DOSSIERS = [
    "dossiers.view_dossier",
    "dossiers.change_dossier",
    "dossiers.view_applicant_contact",
    "dossiers.view_dossierattachment",
    "dossiers.view_dossierhistory",
    "dossiers.view_dossierpause",
    "dossiers.view_supplementrequest",
    "dossiers.view_dossierslip",
    "dossiers.view_processingstep",
    "dossiers.view_procedure",
    "dossiers.view_procedurecase",
    "dossiers.view_requireddocument",
    "dossiers.view_formfield",
    "dossiers.view_procedurefield",
]

_REPORTS = [
    "reports.view_report",
    "reports.change_report",
    "reports.view_reportphoto",
    "reports.view_reporthistory",
    "reports.view_category",
    "reports.view_routingrule",
    "reports.view_answertemplate",
]

# Questions and their answers, the topics and templates they are answered with.
_QA = [
    "qa.view_question",
    "qa.change_question",
    "qa.view_topic",
    "qa.view_qaanswertemplate",
]

# The portal search's synonyms: officers see them, heads keep them.
_SEARCH = ["search.view_synonym"]

# Money collected for the agency: invoices, payments and what the gateways said, receipts; officers confirm
# transfers they see arrive in the account statement. Heads refund and keep the collection account and bank list.
_PAYMENTS = [
    "payments.view_invoice",
    "payments.view_invoiceline",
    "payments.view_invoicehistory",
    "payments.view_paymentattempt",
    "payments.change_paymentattempt",
    "payments.view_gatewayevent",
    "payments.view_refund",
    "payments.view_receipt",
    "payments.view_bank",
    "payments.view_collectionaccount",
    "payments.confirm_transfer",
]

# Schools bill tuition: their students and parents' links, billing batches, the charges (scoped to their schools).
_TUITION = [
    "tuition.view_student",
    "tuition.add_student",
    "tuition.change_student",
    "tuition.view_guardian",
    "tuition.view_tuitionbatch",
    "tuition.add_tuitionbatch",
    "tuition.view_tuitioncharge",
]

# 4.0 shops of the wards the agency verifies: what owners declared (every version), photos, accounts, history.
_SHOPS = [
    "shops.view_shop",
    "shops.change_shop",
    "shops.view_shopversion",
    "shops.view_shopphoto",
    "shops.view_shopbankaccount",
    "shops.view_shophistory",
    "shops.view_businesstype",
]

# Editors write their agencies' news (with its cover pictures), keep the feeds it imports and their channels'
# programme; the categories are kept by the portal's administrators.
_NEWS = [
    "media_feeds.view_article",
    "media_feeds.add_article",
    "media_feeds.change_article",
    "media_feeds.view_category",
    "media_feeds.view_newsfeed",
    "media_feeds.add_newsfeed",
    "media_feeds.change_newsfeed",
    "media_feeds.view_channel",
    "media_feeds.change_channel",
    "media_feeds.view_programme",
    "media_feeds.add_programme",
    "media_feeds.change_programme",
    "media_feeds.delete_programme",
]

# Viewers and dashboard staff see figures only: their agencies, never a citizen's name, file or message.
_FIGURES_ONLY = ["agencies.view_agency", "agencies.view_ward", "agencies.view_province"]

ROLE_PERMISSIONS = {
    OfficerRole.VIEWER: _FIGURES_ONLY,
    OfficerRole.DASHBOARD: _FIGURES_ONLY,
    OfficerRole.EDITOR: ["agencies.view_agency", "agencies.view_ward"] + _NEWS,
    # Desk officers register citizens without Zalo (the create-at-desk page).
    OfficerRole.OFFICER: _READ_GEOGRAPHY_AND_AGENCIES
    + _NOTIFICATIONS
    + _DOSSIERS
    + _REPORTS
    + _QA
    + _SEARCH
    + _PAYMENTS
    + _TUITION
    + _SHOPS
    + ["identity.add_user"],
    # Heads manage who works in the agencies they lead (the admin limits them to those agencies), see who opened
    # a dossier, and may see who reported (to call them back); officers see reporters masked.
    OfficerRole.HEAD: _READ_GEOGRAPHY_AND_AGENCIES
    + _NOTIFICATIONS
    + _DOSSIERS
    + _REPORTS
    + _QA
    + _SEARCH
    + _PAYMENTS
    + _TUITION
    + _SHOPS
    + [
        "payments.refund_payment",
        "payments.add_bank",
        "payments.change_bank",
        "payments.add_collectionaccount",
        "payments.change_collectionaccount",
        "qa.view_asker_contact",
        "qa.add_qaanswertemplate",
        "qa.change_qaanswertemplate",
        "qa.view_agencyqasettings",
        "qa.change_agencyqasettings",
        "search.add_synonym",
        "search.change_synonym",
        "search.delete_synonym",
        "agencies.add_officermembership",
        "agencies.change_officermembership",
        "agencies.delete_officermembership",
        "identity.view_user",
        "identity.add_user",
        "dossiers.view_dossieraccess",
        "reports.view_reporter_contact",
        "reports.add_answertemplate",
        "reports.change_answertemplate",
    ],
}
