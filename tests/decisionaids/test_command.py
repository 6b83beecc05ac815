"""render_aid: one aid from a case document or vignette, via the worker's renderer."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import REPO_ROOT, vignette_case
from tests.decisionaids.conftest import pdf_pages, pdf_text

pytestmark = pytest.mark.django_db
VIGNETTES = REPO_ROOT / "patients" / "domain" / "vignettes"


def test_renders_a_vignette_in_spanish_on_a4(tmp_path, capsys):
    out = tmp_path / "aid.pdf"

    call_command(
        "render_aid",
        "--case-file",
        str(VIGNETTES / "b_first_relapse_cd19_cd22.json"),
        "--aid",
        "DA-REINDUCTION",
        "--lang",
        "es",
        "--paper",
        "a4",
        "--out",
        str(out),
        "--printed-on",
        "2026-11-30",
        "--care-team-name",
        "Programa AYA",
        "--care-team-phone",
        "555-0100",
    )

    pdf = out.read_bytes()
    assert 2 <= pdf_pages(pdf) <= 4
    text = pdf_text(pdf)
    assert "Cómo elegir su próximo tratamiento" in text
    assert "Impreso el 30 de noviembre de 2026." in text
    assert "Su equipo médico: Programa AYA, teléfono 555-0100." in text
    assert "pages" in capsys.readouterr().out


def test_renders_a_bare_case_document(tmp_path):
    case_file = tmp_path / "case.json"
    document = vignette_case("t_all_relapse.json")
    document["given_name"] = "Tomás"
    case_file.write_text(json.dumps(document), encoding="utf-8")
    out = tmp_path / "aid.pdf"

    call_command(
        "render_aid",
        "--case-file",
        str(case_file),
        "--aid",
        "DA-FERTILITY",
        "--out",
        str(out),
    )

    text = pdf_text(out.read_bytes())
    assert "Made for Tomás" in text
    assert "Save sperm for later" in text


def test_an_aid_that_does_not_apply_is_refused(tmp_path):
    with pytest.raises(
        CommandError, match="DA-REINDUCTION does not apply to this case"
    ):
        call_command(
            "render_aid",
            "--case-file",
            str(VIGNETTES / "t_all_relapse.json"),
            "--aid",
            "DA-REINDUCTION",
            "--out",
            str(tmp_path / "x.pdf"),
        )
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"case_id": "X"}', r"\$: The member 'birth_date' is required"),
        (b"[1, 2", "not valid JSON"),
        (b"[]", "holds no case document"),
    ],
)
def test_invalid_files_get_a_clear_message(tmp_path, content, message):
    case_file = tmp_path / "bad.json"
    case_file.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command(
            "render_aid",
            "--case-file",
            str(case_file),
            "--aid",
            "DA-FERTILITY",
            "--out",
            str(tmp_path / "x.pdf"),
        )


@pytest.mark.slow
def test_the_command_line_exits_non_zero_when_refused(tmp_path):
    env = {
        **os.environ,
        "AYA_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "render_aid",
            "--case-file",
            str(VIGNETTES / "t_all_relapse.json"),
            "--aid",
            "DA-CNS-RELAPSE",
            "--out",
            str(tmp_path / "x.pdf"),
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DA-CNS-RELAPSE does not apply to this case" in result.stderr


@pytest.mark.django_db
def test_print_aid_samples_writes_three_aids_and_an_image_per_page(tmp_path):
    from pypdf import PdfReader

    out = io.StringIO()
    call_command(
        "print_aid_samples", "--out", str(tmp_path), "--lang", "en", stdout=out
    )

    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert [pdf.stem for pdf in pdfs] == [
        "isolated-cns-relapse-en",
        "multiply-relapsed-after-transplant-en",
        "t-all-en",
    ]
    for pdf in pdfs:
        pages = len(PdfReader(pdf).pages)
        images = sorted(tmp_path.glob(f"{pdf.stem}-*.png"))
        assert 2 <= pages <= 4
        assert len(images) == pages
        assert images[0].read_bytes().startswith(b"\x89PNG")
    assert "DA-REINDUCTION-T en" in out.getvalue()
