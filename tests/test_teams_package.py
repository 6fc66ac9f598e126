"""`jarjestobotti teams package`: the app package Teams accepts, built from settings."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from bot.cli.main import main

APP_ID = "0b7c3a52-1d2e-4f60-9a8b-5c4d3e2f1a00"


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGBA rows of an 8-bit RGBA PNG; checks signature and every CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, size = 8, b"", (0, 0)
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        tag, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(tag + body) & 0xFFFFFFFF, tag
        if tag == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert (depth, colour) == (8, 6)  # 8-bit RGBA
            size = (width, height)
        elif tag == b"IDAT":
            idat += body
        pos += 12 + length
    assert tag == b"IEND"
    raw = zlib.decompress(idat)
    stride = size[0] * 4 + 1
    assert len(raw) == stride * size[1]
    rows = [raw[y * stride : (y + 1) * stride] for y in range(size[1])]
    assert all(r[0] == 0 for r in rows)  # filter type "none"
    return size[0], size[1], [r[1:] for r in rows]


def pixels(rows: list[bytes]) -> list[tuple[int, ...]]:
    return [tuple(r[i : i + 4]) for r in rows for i in range(0, len(r), 4)]


def test_package_has_manifest_icons_and_localizations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    monkeypatch.setenv("JARJESTOBOTTI_TEAMS_APP_ID", APP_ID)
    out = tmp_path / "paketti.zip"
    assert main(["teams", "package", "--out", str(out), "--app-version", "1.2.3"]) == 0
    assert str(out) in capsys.readouterr().out
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        color, outline = zf.read("color.png"), zf.read("outline.png")
        localized = {
            f["file"]: json.loads(zf.read(f["file"]))
            for f in manifest["localizationInfo"]["additionalLanguages"]
        }
    assert names == {"manifest.json", "color.png", "outline.png", "en-us.json", "sv-se.json"}
    assert tuple(int(p) for p in manifest["manifestVersion"].split(".")) >= (1, 17)
    assert "v1.17/MicrosoftTeams.schema.json" in manifest["$schema"]
    assert manifest["id"] == APP_ID and manifest["version"] == "1.2.3"
    [bot] = manifest["bots"]
    assert bot["botId"] == APP_ID and {"personal", "team", "groupChat"} == set(bot["scopes"])
    assert manifest["name"]["short"] == "Järjestöbotti"
    assert len(manifest["developer"]["name"]) <= 32
    for texts in [
        {
            "name.short": manifest["name"]["short"],
            "description.short": manifest["description"]["short"],
            "description.full": manifest["description"]["full"],
        },
        *localized.values(),
    ]:
        assert len(texts["name.short"]) <= 30 and len(texts["description.short"]) <= 80
        assert 0 < len(texts["description.full"]) <= 4000
    assert "Vantaa" in localized["en-us.json"]["description.short"]
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}

    width, height, rows = decode_png(color)
    assert (width, height) == (192, 192)
    assert all(p[3] == 255 for p in pixels(rows))  # the colour icon is opaque
    assert len(set(pixels(rows))) > 2  # and actually shows something
    width, height, rows = decode_png(outline)
    assert (width, height) == (32, 32)
    outline_pixels = pixels(rows)
    assert all(p[:3] == (255, 255, 255) for p in outline_pixels)  # white only …
    assert any(p[3] == 0 for p in outline_pixels) and any(p[3] == 255 for p in outline_pixels)


def test_package_without_app_id_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JARJESTOBOTTI_TEAMS_APP_ID", raising=False)
    assert main(["teams", "package", "--out", str(tmp_path / "x.zip")]) == 1
    assert "JARJESTOBOTTI_TEAMS_APP_ID" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()
    monkeypatch.setenv("JARJESTOBOTTI_TEAMS_APP_ID", "ei-guid")
    assert main(["teams", "package", "--out", str(tmp_path / "x.zip")]) == 1
    assert "GUID" in capsys.readouterr().err
