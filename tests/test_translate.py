"""The translate stage through its API, on the tiny random-weight model (which loops on everything)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.translate import TranslateSettings, TranslateSettingsError, Translator
from pipeline.translate.batching import token_batches
from pipeline.translate.protect import is_prose, protect, restore
from pipeline.translate.split import split_to_fit


@given(st.lists(st.integers(min_value=1, max_value=60), max_size=40), st.integers(min_value=1, max_value=300))
def test_token_batches_keep_every_input_once_within_budget(lengths, budget):
    batches = token_batches(lengths, budget)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= budget


words = st.sampled_from(["Rat", "tagt,", "die", "Stadt;", "plant", "und", "–", "wartet:", "Bürgerinnen"])


@given(st.lists(words, max_size=80), st.integers(min_value=1, max_value=12))
def test_split_loses_nothing_and_fits(tokens, limit):
    text = " ".join(tokens)
    pieces = split_to_fit(text, lambda s: len(s.split()), limit)
    assert "".join(pieces) == text
    assert all(len(p.split()) <= limit for p in pieces)


def test_split_prefers_clause_boundaries():
    text = "Der Rat hat lange beraten, und am Ende stimmte eine knappe Mehrheit für den Plan der Stadt."
    first, second = split_to_fit(text, lambda s: len(s.split()), 12)
    assert first == "Der Rat hat lange beraten, "


@given(st.text(alphabet="abc .,@:/?=-_xyzURL0123", max_size=60))
def test_protect_restore_round_trip(text):
    masked = protect(text)
    assert restore(masked.text, masked) == (text, [])


def test_protected_spans_are_found():
    text = "Siehe https://example.org/bericht?id=42, schreiben Sie presse@example.org oder @Beispiel_Konto."
    masked = protect(text)
    assert sorted(masked.spans.values()) == ["@Beispiel_Konto", "https://example.org/bericht?id=42", "presse@example.org"]
    assert "example" not in masked.text


@pytest.mark.parametrize("text", ["42", "3.000 – 4.500", "STARTSEITE POLITIK WIRTSCHAFT", "https://example.org"])
def test_not_prose(text):
    assert not is_prose(text)


@pytest.mark.parametrize("text", ["Der Rat tagt.", "Die EU und die NATO beraten.", "Ja"])
def test_prose(text):
    assert is_prose(text)


def test_settings_that_cannot_work_together():
    with pytest.raises(TranslateSettingsError, match="compute type int8 does not run with engine torch on cuda"):
        TranslateSettings(engine="torch", device="cuda", compute_type="int8")
    with pytest.raises(TranslateSettingsError, match="compute type int8_float16 runs with no engine on cpu"):
        TranslateSettings(compute_type="int8_float16")
    assert TranslateSettings(device="cuda").resolved_compute_type() == "float16"
    assert TranslateSettings().resolved_compute_type() == "int8"
    assert TranslateSettings(engine="torch").resolved_compute_type() == "float32"


@pytest.fixture(scope="module")
def torch_translator(tiny_model):
    return Translator(TranslateSettings(model=str(tiny_model), engine="torch", beam=2, max_length=24)).load()


def test_order_duplicates_and_pass_through(torch_translator):
    texts = ["Die Stadt plant neue Radwege.", "42", "Der Rat tagt.", "Die Stadt plant neue Radwege.", "MENÜ SUCHE"]
    before = torch_translator.counts()
    out = torch_translator.translate(texts)
    counts = {k: v - before[k] for k, v in torch_translator.counts().items()}
    assert out[4].text == "MENÜ SUCHE" and out[1].text == "42"
    assert out[0].text == out[3].text and out[0].text
    assert counts["translated"] == 2 and counts["passed_through"] == 2 and counts["duplicates"] == 1


def test_loops_are_retried_and_flagged(endless_model):
    # outputs that never end are retried against repetition, and flagged when they still run on
    translator = Translator(TranslateSettings(model=str(endless_model), engine="torch", beam=2))
    texts = ["Es regnet heute.", "Die Schule beginnt bald.", "Der Zug kommt spät.", "Wir warten."]
    out = translator.translate(texts)
    counts = translator.counts()
    assert counts["loop_retried"] == counts["loop_flagged"] == len(texts)
    for o in out:
        [flag] = o.flags
        assert flag.rule == "translate.loop" and "after a retry against repetition" in flag.reason
        assert "did not end within" in flag.reason


def test_long_input_is_split_not_cut(torch_translator):
    clause = "der Verein feierte sein Bestehen mit einem großen Fest"
    text = ", ".join([clause] * 12) + "."
    [out] = torch_translator.translate([text])
    [split] = [f for f in out.flags if f.rule == "translate.split"]
    assert "pieces" in split.reason
    assert len(out.text) > len(text) / 2  # every piece came back, not only the first


def test_signature_records_what_changes_the_output(torch_translator):
    info = torch_translator.signature()
    assert info["engine"] == "torch" and info["compute_type"] == "float32"
    assert info["beam"] == 2 and info["batch_tokens"] == 2048
    assert len(info["model_weights_sha256"]) == 64


def test_int8_and_ctranslate2_engines(tiny_model, tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_CACHE", str(tmp_path / "cache"))
    text = "Die Polizei bittet um Hinweise."
    int8 = Translator(TranslateSettings(model=str(tiny_model), engine="torch", compute_type="int8", beam=2)).translate([text])
    fast = Translator(TranslateSettings(model=str(tiny_model), engine="ctranslate2", beam=2))
    [out] = fast.translate([text])
    assert int8[0].text and out.text and out.logprob is not None
    [converted] = (tmp_path / "cache" / "ctranslate2").iterdir()
    assert converted.name.endswith("-int8") and (converted / "model.bin").is_file()
    stamp = (converted / "model.bin").stat().st_mtime_ns
    Translator(TranslateSettings(model=str(tiny_model), engine="ctranslate2")).load()
    assert (converted / "model.bin").stat().st_mtime_ns == stamp  # converted once


def test_auto_takes_ctranslate2_when_the_model_converts(tiny_model, tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_CACHE", str(tmp_path / "cache"))
    translator = Translator(TranslateSettings(model=str(tiny_model), beam=2))
    assert translator.describe_engine() == (
        "translation engine: ctranslate2, int8 on cpu (auto: ctranslate2 is installed and the model converts)")
    [out] = translator.translate(["Die Polizei bittet um Hinweise."])
    assert out.text and type(translator._engine).__name__ == "CTranslate2Engine"
    info = translator.signature()
    assert (info["engine"], info["engine_asked"], info["compute_type"]) == ("ctranslate2", "auto", "int8")
    assert "ctranslate2" in info and translator.cache_signature().split("|")[1:3] == ["ctranslate2", "int8"]
    [converted] = (tmp_path / "cache" / "ctranslate2").iterdir()
    assert converted.name.endswith("-int8")


@pytest.fixture(scope="module")
def unconvertible_model(tiny_model, tmp_path_factory):
    """The tiny model with an activation transformers runs and CTranslate2's converter does not know."""
    import json
    import shutil

    out = tmp_path_factory.mktemp("tanh-marian")
    for name in tiny_model.iterdir():
        shutil.copy(name, out / name.name)
    config = json.loads((out / "config.json").read_text())
    config["activation_function"] = "tanh"
    (out / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return out


def test_auto_falls_back_to_torch_when_the_model_does_not_convert(unconvertible_model, tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_CACHE", str(tmp_path / "cache"))
    translator = Translator(TranslateSettings(model=str(unconvertible_model), beam=2))
    [out] = translator.translate(["Die Polizei bittet um Hinweise."])
    assert out.text and type(translator._engine).__name__ == "TorchEngine"
    choice = translator.choice()
    assert (choice.asked, choice.engine) == ("auto", "torch")
    assert choice.reason == "the model does not convert to CTranslate2 (KeyError: 'tanh'); torch runs instead"
    assert translator.describe_engine().startswith("translation engine: torch, float32 on cpu (auto: the model")
    assert translator.signature()["compute_type"] == "float32"
    assert not list((tmp_path / "cache" / "ctranslate2").iterdir())  # no half-converted model is left
    # a compute type only CTranslate2 runs leaves auto no engine, and the user is told
    with pytest.raises(TranslateSettingsError, match="cannot use ctranslate2 .* torch does not run compute type int8_float16"):
        Translator(TranslateSettings(model=str(unconvertible_model), compute_type="int8_float16", device="cuda")).load()


def test_explicit_engine_is_kept(tiny_model):
    translator = Translator(TranslateSettings(model=str(tiny_model), engine="torch"))
    assert translator.describe_engine() == "translation engine: torch, float32 on cpu (the engine asked for)"
    assert translator.signature()["engine_asked"] == "torch"


def test_batched_output_equals_plain_generate(tiny_model):
    from transformers import MarianMTModel, MarianTokenizer

    from pipeline.translate.loops import length_class, output_cap

    texts = ["Die Stadt plant neue Radwege.", "Der Rat tagt heute.", "Wir warten auf den Bus."]
    tokenizer = MarianTokenizer.from_pretrained(tiny_model)
    batch = tokenizer(texts, return_tensors="pt", padding=True)
    classes = {length_class(int(n)) for n in batch["attention_mask"].sum(-1)}
    assert len(classes) == 1, "the texts must share a length class to share a batch"
    ours = Translator(TranslateSettings(model=str(tiny_model), engine="torch", beam=3, retry_loops=False)).translate(texts)
    model = MarianMTModel.from_pretrained(tiny_model).eval()
    plain = model.generate(**batch, num_beams=3, max_new_tokens=output_cap(classes.pop()), max_length=None,
                           forced_eos_token_id=None)
    assert [o.text for o in ours] == [t.strip() for t in tokenizer.batch_decode(plain, skip_special_tokens=True)]


BATCH_MATES = [
    "Der Rat tagt.",
    "Die Bürgermeisterin kündigte am Montag an, die Gebühren für Kitas und Schwimmbäder im nächsten Jahr nicht zu erhöhen.",
    "Es regnet.",
    "Nach Angaben der Polizei wurde bei dem Unfall auf der Kreuzung niemand verletzt.",
    "Die Bahn verlängert die Linie bis zum Flughafen.",
    "Mehrere Vereine hatten zuvor höhere Zuschüsse gefordert.",
    "Wir warten seit einer Stunde auf den Bus.",
    "Im Herbst beginnen die Arbeiten am neuen Radweg entlang des Flusses, der bis 2028 fertig sein soll.",
]


@pytest.mark.parametrize("engine", ["torch", "ctranslate2"])
def test_a_translation_does_not_depend_on_its_batch(tiny_model, engine, tmp_path, monkeypatch):
    """What a sentence becomes does not depend on what else is translated with it: its cap on
    output length comes from its own length, never from a longer batch mate (the tiny model's
    outputs run to the cap), and batch mates are close in length."""
    monkeypatch.setenv("PIPELINE_CACHE", str(tmp_path / "cache"))
    settings = TranslateSettings(model=str(tiny_model), engine=engine, beam=2, retry_loops=False)

    def outcome(translator, texts):
        return {t: (o.text, o.logprob, o.flags) for t, o in zip(texts, translator.translate(texts))}

    together = outcome(Translator(settings), BATCH_MATES)
    for text in BATCH_MATES[:3]:
        assert outcome(Translator(settings), [text])[text] == together[text]
    regrouped = Translator(settings)
    assert {**outcome(regrouped, BATCH_MATES[::-2]), **outcome(regrouped, BATCH_MATES[-2::-2])} == together


@pytest.mark.parametrize("beam", [1, 3])
def test_held_length_equals_plain_generate(hasty_model, beam):
    """Outputs held to a length (as the speed benchmark holds them) are what ``generate`` gives
    with ``min_new_tokens``: the end token stays banned until the length is reached, and
    ``<pad>`` is never produced."""
    from transformers import MarianMTModel, MarianTokenizer

    from pipeline.translate.engines import TorchEngine
    from pipeline.translate.model import resolve_model

    texts = ["Die Stadt plant neue Radwege.", "Der Rat tagt heute."]
    engine = TorchEngine(resolve_model(str(hasty_model)), TranslateSettings(model=str(hasty_model), engine="torch", beam=beam))
    tokenizer = MarianTokenizer.from_pretrained(hasty_model)
    ours = engine.generate([tokenizer(t)["input_ids"] for t in texts], 7, 7)
    assert [len(out) for out, _ in ours] == [7, 7]
    assert all(tokenizer.pad_token_id not in out for out, _ in ours)
    model = MarianMTModel.from_pretrained(hasty_model).eval()
    plain = model.generate(**tokenizer(texts, return_tensors="pt", padding=True), num_beams=beam, min_new_tokens=7,
                           max_new_tokens=7, max_length=None, forced_eos_token_id=None)
    assert [out for out, _ in ours] == [[t for t in row.tolist() if t not in tokenizer.all_special_ids] for row in plain]
    free = engine.generate([tokenizer(t)["input_ids"] for t in texts], 7, 0)
    assert [out for out, _ in free] == [[], []]  # not held: the end comes first


@pytest.mark.parametrize("held", [True, False])
def test_logprob_is_the_models_own(tiny_model, held):
    """The score taken from beam search equals the mean log-probability of the output under
    the model, computed here by a separate forward pass, for outputs held to a length and for
    outputs that end by themselves or run to the cap unfinished."""
    import torch
    from transformers import MarianMTModel

    from pipeline.translate.engines import TorchEngine
    from pipeline.translate.model import resolve_model

    engine = TorchEngine(resolve_model(str(tiny_model)), TranslateSettings(model=str(tiny_model), engine="torch", beam=3))
    texts = ["Die Stadt plant neue Radwege für alle Bürger.", "Der Rat tagt.", "Wir warten auf den Zug."]
    batch = [engine.tokenizer(t)["input_ids"] for t in texts]
    rescored, teacher_forced = [], engine._score
    engine._score = lambda states, mask, sequences: rescored.append(len(sequences)) or teacher_forced(states, mask, sequences)
    generated = engine.generate(batch, 9, 9 if held else 0)
    assert rescored == []  # scored by the search alone
    model = MarianMTModel.from_pretrained(tiny_model).eval()
    start, end = model.config.decoder_start_token_id, model.config.eos_token_id
    for ids, (output, score) in zip(batch, generated):
        assert len(output) <= 9
        if len(output) < 9:
            output = output + [end]  # ended by itself: the end token is part of the output's score
        target = torch.tensor([output])
        with torch.inference_mode():
            logits = model(input_ids=torch.tensor([ids]), decoder_input_ids=torch.tensor([[start] + output[:-1]])).logits
        expected = torch.log_softmax(logits[0] + 0.0, -1).gather(-1, target[0].unsqueeze(-1)).mean()
        assert score == pytest.approx(float(expected), abs=2e-3)


@pytest.mark.parametrize("opt_out", [False, True])
def test_freed_memory_is_kept_unless_the_user_chose(opt_out):
    import os
    import platform
    import subprocess
    import sys

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("the thresholds are glibc's")
    chosen = ("LD_PRELOAD", "GLIBC_TUNABLES", "PIPELINE_KEEP_FREED_MEMORY")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_") and k not in chosen}
    if opt_out:
        env["PIPELINE_KEEP_FREED_MEMORY"] = "0"
    code = "from pipeline.translate.allocator import keep_freed_memory as k; print(k(), k())"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == (["False", "False"] if opt_out else ["True", "True"])
