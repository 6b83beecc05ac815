"""App configuration for the stored current evaluation of every case."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


def _ruleset_upgraded(**kwargs) -> None:
    """After an upgrade of the rule set, re-evaluate every case on the worker."""
    from evaluations.models import CaseEvaluation, ReevaluationJob
    from evaluations.services import reevaluation_start
    from recommendations.engine import RULESET_VERSION

    if not CaseEvaluation.objects.exclude(ruleset_version=RULESET_VERSION).exists():
        return
    pending = (ReevaluationJob.Status.QUEUED, ReevaluationJob.Status.RUNNING)
    if ReevaluationJob.objects.filter(status__in=pending, program=None).exists():
        return
    # With the broker down the job is still recorded (reevaluation_start logs it),
    # and the sweep sends its lanes later; page reads catch up meanwhile.
    reevaluation_start(program=None, reason=f"rule set {RULESET_VERSION}")


def _evaluation_deleted(instance, **kwargs) -> None:  # noqa: ANN001
    """A case deleted takes its evaluation with it: the program's cards change."""
    from evaluations.generations import advance_on_commit

    advance_on_commit([instance.program_id])


def _rule_wording_changed(**kwargs) -> None:
    """Rule wording written: every program's stored results are to be checked again
    (a page read finds the rows whose wording fingerprint differs)."""
    from evaluations.generations import advance_rules_on_commit

    advance_rules_on_commit()


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = "Stored evaluations"

    def ready(self) -> None:
        from evaluations.models import CaseEvaluation
        from recommendations.models import RuleContent

        post_migrate.connect(
            _ruleset_upgraded, sender=self, dispatch_uid="evaluations_ruleset"
        )
        post_delete.connect(
            _evaluation_deleted, sender=CaseEvaluation, dispatch_uid="evaluations_gone"
        )
        post_save.connect(
            _rule_wording_changed, sender=RuleContent, dispatch_uid="wording_saved"
        )
        post_delete.connect(
            _rule_wording_changed, sender=RuleContent, dispatch_uid="wording_gone"
        )
