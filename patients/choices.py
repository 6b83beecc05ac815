"""Enumerations of the case document (patients/domain/case.schema.json)."""

from django.db import models


class Sex(models.TextChoices):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


class Lineage(models.TextChoices):
    B = "B", "B-lineage"
    T = "T", "T-lineage"


class PhStatus(models.TextChoices):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    PH_LIKE = "ph_like", "Ph-like"
    UNKNOWN = "unknown"


class DiseaseState(models.TextChoices):
    PRIMARY_REFRACTORY = "primary_refractory"
    RELAPSE = "relapse"
    REMISSION_AFTER_RELAPSE = "remission_after_relapse"
    PROGRESSION_AFTER_SALVAGE = "progression_after_salvage"


class DiseaseSite(models.TextChoices):
    MARROW = "marrow"
    CNS = "cns", "CNS"
    TESTIS = "testis"
    OTHER_EXTRAMEDULLARY = "other_extramedullary"


class Marker(models.TextChoices):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    UNKNOWN = "unknown"


class YesNoUnknown(models.TextChoices):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class FitnessCategory(models.TextChoices):
    FIT = "fit"
    LESS_FIT = "less_fit"
    FRAIL = "frail"
    UNKNOWN = "unknown"


class EventType(models.TextChoices):
    BLINATUMOMAB = "blinatumomab"
    INOTUZUMAB = "inotuzumab"
    CAR_T = "car_t", "CAR-T"
    REVUMENIB = "revumenib"
    NELARABINE = "nelarabine"
    TKI = "tki", "TKI"
    CHEMOTHERAPY = "chemotherapy"
    RITUXIMAB = "rituximab"
    ALLO_HSCT = "allo_hsct", "Allogeneic HSCT"
    DLI = "dli", "Donor lymphocyte infusion"
    IT_CHEMOTHERAPY = "it_chemotherapy", "Intrathecal chemotherapy"
    CRANIAL_RT = "cranial_rt", "Cranial radiotherapy"
    TESTICULAR_RT = "testicular_rt", "Testicular radiotherapy"
    RELAPSE = "relapse"
    CNS_EVENT = "cns_event", "CNS event"
    RESPONSE = "response"
    TOXICITY = "toxicity"
    WORKUP = "workup", "Work-up"


THERAPY_EVENT_TYPES = frozenset(
    {
        EventType.BLINATUMOMAB,
        EventType.INOTUZUMAB,
        EventType.CAR_T,
        EventType.REVUMENIB,
        EventType.NELARABINE,
        EventType.TKI,
        EventType.CHEMOTHERAPY,
        EventType.RITUXIMAB,
        EventType.ALLO_HSCT,
        EventType.DLI,
        EventType.IT_CHEMOTHERAPY,
        EventType.CRANIAL_RT,
        EventType.TESTICULAR_RT,
    }
)


class Donor(models.TextChoices):
    MATCHED_SIBLING = "matched_sibling"
    MATCHED_UNRELATED = "matched_unrelated"
    HAPLOIDENTICAL = "haploidentical"
    CORD = "cord"
    OTHER = "other"


class Response(models.TextChoices):
    """Response categories, labelled in words with their usual abbreviation."""

    CR = "CR", "Complete remission (CR)"
    CRH = "CRh", "CR with partial hematologic recovery (CRh)"
    CRI = "CRi", "CR with incomplete blood count recovery (CRi)"
    PR = "PR", "Partial response (PR)"
    REFRACTORY = "refractory", "Refractory (no response)"
    PROGRESSION = "progression", "Progression"


class Mrd(models.TextChoices):
    NEGATIVE = "negative"
    POSITIVE = "positive"
    NOT_DONE = "not_done"


class Toxicity(models.TextChoices):
    CRS = "crs", "CRS"
    ICANS = "icans", "ICANS"
    VOD_SOS = "vod_sos", "VOD/SOS"
    GVHD = "gvhd", "GVHD"
    INFECTION = "infection"
    OTHER = "other"


class CnsKind(models.TextChoices):
    ISOLATED_CNS_RELAPSE = "isolated_cns_relapse", "Isolated CNS relapse"
    CNS_INVOLVEMENT = "cns_involvement", "CNS involvement"
    CNS_NEGATIVE_LP = "cns_negative_lp", "CNS-negative lumbar puncture"


class WorkupTest(models.TextChoices):
    """Relapse work-up items a ``workup`` event records (the catalogue's WU-… items)."""

    MARROW_IMMUNOPHENOTYPE = "marrow_immunophenotype", "Marrow immunophenotype"
    BCR_ABL1 = "bcr_abl1", "BCR::ABL1"
    KMT2A_FISH = "kmt2a_fish", "KMT2A FISH"
    NGS_MUTATIONS = "ngs_mutations", "NGS mutation panel"
    LUMBAR_PUNCTURE = "lumbar_puncture", "Lumbar puncture"
    TESTICULAR_EXAM = "testicular_exam", "Testicular examination"
    HLA_TYPING = "hla_typing", "HLA typing"
    PREGNANCY_TEST = "pregnancy_test", "Pregnancy test"
    ECHOCARDIOGRAM = "echocardiogram", "Echocardiogram"


class ReferralKind(models.TextChoices):
    FERTILITY = "fertility"
    SOCIAL_WORK = "social_work"
    MENTAL_HEALTH = "mental_health"
    EDUCATION_WORK = "education_work", "Education / work"
    PALLIATIVE_CARE = "palliative_care"
    NEUROCOGNITIVE = "neurocognitive"
    PSYCHOLOGY = "psychology"
    OTHER = "other"


class ReferralStatus(models.TextChoices):
    NEEDED = "needed"
    REFERRED = "referred"
    SCHEDULED = "scheduled"
    COMPLETED = "completed"
    DECLINED = "declined"
