"""Plain words for the case document's values, as the export's ``text`` fields."""

from __future__ import annotations

LINEAGE = {"B": "B-lineage", "T": "T-lineage"}

DISEASE_STATE = {
    "primary_refractory": "primary refractory (no complete remission after two "
    "induction courses)",
    "relapse": "in relapse",
    "remission_after_relapse": "in remission after relapse",
    "progression_after_salvage": "progressing after salvage therapy",
}

SITE = {
    "marrow": "bone marrow",
    "cns": "central nervous system",
    "testis": "testis",
    "other_extramedullary": "other extramedullary site",
}

MARKER = {"positive": "positive", "negative": "negative", "unknown": "unknown"}

THERAPY = {
    "blinatumomab": "Blinatumomab",
    "inotuzumab": "Inotuzumab ozogamicin",
    "revumenib": "Revumenib",
    "nelarabine": "Nelarabine",
    "tki": "Tyrosine kinase inhibitor",
    "chemotherapy": "Chemotherapy",
    "rituximab": "Rituximab",
    "allo_hsct": "Allogeneic haematopoietic stem cell transplant",
    "car_t": "CD19 CAR-T cell infusion",
    "dli": "Donor lymphocyte infusion",
    "it_chemotherapy": "Intrathecal chemotherapy",
    "cranial_rt": "Cranial radiotherapy",
    "testicular_rt": "Testicular radiotherapy",
}

DONOR = {
    "matched_sibling": "matched sibling donor",
    "matched_unrelated": "matched unrelated donor",
    "haploidentical": "haploidentical donor",
    "cord": "cord blood",
    "other": "other donor",
}

RESPONSE = {
    "CR": "Complete remission (CR)",
    "CRh": "Complete remission with partial haematologic recovery (CRh)",
    "CRi": "Complete remission with incomplete blood count recovery (CRi)",
    "PR": "Partial response (PR)",
    "refractory": "Refractory: no response",
    "progression": "Progression",
}

MRD = {"negative": "negative", "positive": "positive", "not_done": "not done"}

TOXICITY = {
    "crs": "Cytokine release syndrome",
    "icans": "Immune effector cell-associated neurotoxicity syndrome",
    "vod_sos": "Hepatic veno-occlusive disease / sinusoidal obstruction syndrome",
    "gvhd": "Graft-versus-host disease",
    "infection": "Infection",
    "other": "Other toxicity",
}

CNS_KIND = {
    "isolated_cns_relapse": "Isolated CNS relapse",
    "cns_involvement": "CNS involvement",
    "cns_negative_lp": "Lumbar puncture without CNS disease",
}

WORKUP_TEST = {
    "marrow_immunophenotype": "Marrow immunophenotype (CD19, CD22, CD20)",
    "bcr_abl1": "BCR::ABL1 testing",
    "kmt2a_fish": "KMT2A (11q23) FISH",
    "ngs_mutations": "Mutation panel (sequencing)",
    "lumbar_puncture": "Lumbar puncture with CSF cytology and flow",
    "testicular_exam": "Testicular examination",
    "hla_typing": "HLA typing",
    "pregnancy_test": "Pregnancy test",
    "echocardiogram": "Echocardiogram",
}

REFERRAL_KIND = {
    "fertility": "Fertility counselling and preservation",
    "social_work": "Social work",
    "mental_health": "Mental health screening and support",
    "education_work": "Education or vocational support",
    "palliative_care": "Palliative care",
    "neurocognitive": "Neurocognitive follow-up",
    "psychology": "Psychology",
    "other": "Other supportive care",
}

FITNESS = {"fit": "fit", "less_fit": "less fit", "frail": "frail"}
YES_NO = {"yes": "yes", "no": "no"}

# One-letter amino-acid codes to the three-letter ones HGVS protein notation uses.
AMINO_ACIDS = {
    "A": "Ala",
    "R": "Arg",
    "N": "Asn",
    "D": "Asp",
    "C": "Cys",
    "E": "Glu",
    "Q": "Gln",
    "G": "Gly",
    "H": "His",
    "I": "Ile",
    "L": "Leu",
    "K": "Lys",
    "M": "Met",
    "F": "Phe",
    "P": "Pro",
    "S": "Ser",
    "T": "Thr",
    "W": "Trp",
    "Y": "Tyr",
    "V": "Val",
}


def ordinal(number: int) -> str:
    words = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
    return words.get(number, f"{number}th")


def protein_change(mutation: str) -> str | None:
    """``T315I`` as HGVS protein notation, ``p.(Thr315Ile)``; None if not standard."""
    first, position, last = mutation[0], mutation[1:-1], mutation[-1]
    if first not in AMINO_ACIDS or last not in AMINO_ACIDS:
        return None
    return f"p.({AMINO_ACIDS[first]}{position}{AMINO_ACIDS[last]})"
