"""The 2013 edition, from the seed: the news post of 19 March 2013 about Defenders' Days."""

from datetime import date

from defdays.editions.models import Edition, EditionStatus
from defdays.editions.services import make_current

EDITION_2013 = dict(
    title="Defenders' Days 2013",
    slug="defenders-days-2013",
    status=EditionStatus.PUBLISHED,
    start_date=date(2013, 4, 2),
    end_date=date(2013, 4, 5),
    main_day=date(2013, 4, 4),
    main_day_note=("The conference is held on 4 April, the date of the murder of Dr Martin Luther King in 1968."),
    city="Stockholm",
    venue="",
    time_zone="Europe/Stockholm",
    organiser_name="Civil Rights Defenders",
    description=(
        "A conference in Stockholm for human rights defenders from the world's most repressive regions, "
        "organised by Civil Rights Defenders. An annual event that empowers human rights defenders and gathers "
        "key persons and institutions for the advancement of human rights: a place for networking, constructive "
        "cooperation and personal and institutional development."
    ),
    aims="\n".join(
        [
            "Advocate for international recognition of human rights defenders at risk.",
            "Increase understanding about their vital work.",
            "Create a forum for capacity-building and networking.",
        ]
    ),
    closed_part_info=(
        "The closed part is for human rights defenders at risk and relevant stakeholders. It holds training "
        "sessions in digital security, video campaigning and effective lobbying, and the chance to meet and work "
        "together. Who takes part is not published."
    ),
    open_session_info=(
        "The open session is open to everyone. It includes panel discussions with representatives of the "
        "international community, such as the UN Special Rapporteur on the situation of human rights defenders, "
        "and presentations such as \u201cThe Escape from Camp 14\u201d. The Civil Rights Defender of the Year "
        "Award is given during the conference."
    ),
    invitation_info=(
        "The conference is on invitation basis only. Invited defenders and stakeholders receive a personal "
        "link by email to register for the closed part. Anyone may sign up for the open session."
    ),
    contact_name="Ms Kim Matthis",
    contact_email="kim.matthis@example.org",
    # The public texts in the languages defenders read (core.multilingual). Swedish has the title and the
    # description only: the rest shows in English, marked as English.
    translations={
        "sv": {
            "title": "Defenders' Days 2013",
            "description": (
                "En konferens i Stockholm för människorättsförsvarare från världens mest repressiva regioner, "
                "arrangerad av Civil Rights Defenders."
            ),
        },
        "ru": {
            "title": "Дни правозащитников 2013",
            "main_day_note": (
                "Конференция проходит 4 апреля — в день, когда в 1968 году был убит доктор Мартин Лютер Кинг."
            ),
            "description": (
                "Конференция в Стокгольме для правозащитников из самых репрессивных регионов мира, которую "
                "организует Civil Rights Defenders. Ежегодное событие, которое поддерживает правозащитников и "
                "собирает ключевых людей и организации, работающих ради прав человека: место для общения, "
                "конструктивного сотрудничества, личного и институционального развития."
            ),
            "aims": "\n".join(
                [
                    "Добиваться международного признания правозащитников, находящихся в опасности.",
                    "Углублять понимание их жизненно важной работы.",
                    "Создать площадку для обучения и налаживания связей.",
                ]
            ),
            "closed_part_info": (
                "Закрытая часть — для правозащитников, находящихся в опасности, и причастных к их работе людей и "
                "организаций. В ней проходят тренинги по цифровой безопасности, видеокампаниям и эффективному "
                "лоббированию, и есть возможность встретиться и поработать вместе. Кто участвует, не публикуется."
            ),
            "open_session_info": (
                "Открытая сессия открыта для всех. В неё входят панельные дискуссии с представителями "
                "международного сообщества, например со Специальным докладчиком ООН по вопросу о положении "
                "правозащитников, и презентации, такие как «Побег из лагеря 14». Во время конференции "
                "вручается премия «Правозащитник года»."
            ),
            "invitation_info": (
                "Участие в конференции — только по приглашению. Приглашённые правозащитники и партнёры получают "
                "по электронной почте личную ссылку для регистрации в закрытой части. На открытую сессию может "
                "записаться любой."
            ),
        },
        "ar": {
            "title": "أيام المدافعين 2013",
            "main_day_note": "يُعقد المؤتمر في 4 أبريل، تاريخ اغتيال الدكتور مارتن لوثر كينغ عام 1968.",
            "description": (
                "مؤتمر في ستوكهولم للمدافعين عن حقوق الإنسان من أكثر مناطق العالم قمعًا، تنظّمه منظمة Civil "
                "Rights Defenders. حدث سنوي يمكّن المدافعين عن حقوق الإنسان ويجمع الأشخاص والمؤسسات الرئيسية "
                "العاملة من أجل تعزيز حقوق الإنسان: مكان للتشبيك والتعاون البنّاء والتطوير الشخصي والمؤسسي."
            ),
            "aims": "\n".join(
                [
                    "المناصرة من أجل الاعتراف الدولي بالمدافعين عن حقوق الإنسان المعرّضين للخطر.",
                    "زيادة فهم عملهم الحيوي.",
                    "إيجاد منتدى لبناء القدرات والتشبيك.",
                ]
            ),
            "closed_part_info": (
                "الجزء المغلق مخصّص للمدافعين عن حقوق الإنسان المعرّضين للخطر ولأصحاب المصلحة المعنيين. تُعقد "
                "فيه جلسات تدريبية في الأمن الرقمي والحملات المصوّرة والمناصرة الفعّالة، وفيه فرصة للقاء والعمل "
                "معًا. لا تُنشر أسماء المشاركين."
            ),
            "open_session_info": (
                "الجلسة المفتوحة مفتوحة للجميع. تتضمن حلقات نقاش مع ممثلين عن المجتمع الدولي، مثل المقرر الخاص "
                "للأمم المتحدة المعني بحالة المدافعين عن حقوق الإنسان، وعروضًا مثل «الهروب من المعسكر 14». "
                "وتُمنح جائزة المدافع عن الحقوق المدنية لهذا العام خلال المؤتمر."
            ),
            "invitation_info": (
                "المؤتمر بالدعوة فقط. يتلقى المدافعون وأصحاب المصلحة المدعوون رابطًا شخصيًا بالبريد الإلكتروني "
                "للتسجيل في الجزء المغلق. ويمكن لأي شخص التسجيل في الجلسة المفتوحة."
            ),
        },
    },
)


def build(ctx):
    edition, _ = Edition.objects.update_or_create(year=2013, defaults=EDITION_2013)
    if not edition.is_current:
        make_current(edition)
    ctx.edition = edition
    ctx.notes.append(
        f"Organisers: /orga/{edition.year}/ opens on the state of the edition; "
        f"/orga/{edition.year}/next-edition/ makes next year's draft from this one (settings only, never people)."
    )
