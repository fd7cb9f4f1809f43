python ./src/generation/run.py \
    --model_path "openbmb/MiniCPM4-Survey" \
    --query "Enter your instruction here, example: Please design a survey that assesses the performance of language processing systems on unseen data to measure their robustness in natural language processing tasks." \
    --output_file "test.md" \
