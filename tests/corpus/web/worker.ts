import { pipeline } from "@huggingface/transformers";

// Weights are fetched in the browser from the Hub.
const EMBEDDER_URL = "https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/main/onnx/model_quantized.onnx";
const DOCS_URL = "https://huggingface.co/docs/transformers.js/index";
const DATASET_URL = "https://huggingface.co/datasets/Xenova/test-data";

export async function load() {
  return pipeline("feature-extraction", "Xenova/all-MiniLM-L6-v2");
}
