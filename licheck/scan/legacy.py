"""The Hub's canonical model ids without a namespace (``gpt2``, ``bert-base-uncased``).

These predate organisations on the Hub and still resolve (the Hub redirects them to their new
owners). A bare word is accepted as a model only when it is one of these *and* a loader receives
it, so ``from_pretrained("output")`` is never mistaken for a model. Data only.
"""

from __future__ import annotations

from licheck.scan.text import words

LEGACY_IDS: frozenset[str] = words(
    """
    albert-base-v1 albert-large-v1 albert-xlarge-v1 albert-xxlarge-v1
    albert-base-v2 albert-large-v2 albert-xlarge-v2 albert-xxlarge-v2
    bert-base-uncased bert-large-uncased bert-base-cased bert-large-cased
    bert-base-multilingual-uncased bert-base-multilingual-cased bert-base-chinese
    bert-base-german-cased bert-base-german-dbmdz-cased bert-base-german-dbmdz-uncased
    bert-large-uncased-whole-word-masking bert-large-cased-whole-word-masking
    bert-large-uncased-whole-word-masking-finetuned-squad
    bert-large-cased-whole-word-masking-finetuned-squad bert-base-cased-finetuned-mrpc
    camembert-base ctrl
    distilbert-base-uncased distilbert-base-uncased-distilled-squad distilbert-base-cased
    distilbert-base-cased-distilled-squad distilbert-base-german-cased
    distilbert-base-multilingual-cased distilbert-base-uncased-finetuned-sst-2-english
    distilgpt2 distilroberta-base
    gpt2 gpt2-medium gpt2-large gpt2-xl openai-gpt
    roberta-base roberta-large roberta-large-mnli roberta-base-openai-detector
    roberta-large-openai-detector
    t5-small t5-base t5-large t5-3b t5-11b
    transfo-xl-wt103
    xlm-mlm-en-2048 xlm-mlm-ende-1024 xlm-mlm-enfr-1024 xlm-mlm-enro-1024
    xlm-mlm-tlm-xnli15-1024 xlm-mlm-xnli15-1024 xlm-clm-enfr-1024 xlm-clm-ende-1024
    xlm-mlm-17-1280 xlm-mlm-100-1280 xlm-roberta-base xlm-roberta-large
    xlnet-base-cased xlnet-large-cased
    """
)
