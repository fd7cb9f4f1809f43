"""Command-line entry points."""

from __future__ import annotations

import click
import typer
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

app = typer.Typer()


@app.command()
def translate(
    text: str,
    model: str = typer.Option("Helsinki-NLP/opus-mt-en-de", help="Translation model"),
) -> None:
    tokenizer = AutoTokenizer.from_pretrained(model)
    seq2seq = AutoModelForSeq2SeqLM.from_pretrained(model)
    print(tokenizer, seq2seq, text)


@click.command()
@click.option("--checkpoint", default="google/flan-t5-base", show_default=True)
@click.option("--output-dir", default="out/flan")
def summarize(checkpoint: str, output_dir: str) -> None:
    AutoModelForSeq2SeqLM.from_pretrained(checkpoint).save_pretrained(output_dir)
