# Windows workstation setup
$env:EMBEDDING_MODEL = "BAAI/bge-m3"
$env:HF_HUB_ENABLE_HF_TRANSFER = "1"
pip install -U "huggingface_hub[cli]"
huggingface-cli download microsoft/Phi-3-mini-4k-instruct `
  --local-dir C:\models\phi3
Write-Host "Model cached"
