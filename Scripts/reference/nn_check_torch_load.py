"""Checks that safetensors files written by FactorLab load in PyTorch.

1. FACTORLAB_NN_EXPORT_DIR=/tmp/fl swift test --filter savedWeightsReloadIdentically
   (the test writes factorlab_lstm_small.safetensors (F32) and factorlab_lstm_small_f64.safetensors)
2. /work/venv/bin/python Scripts/reference/nn_check_torch_load.py /tmp/fl

Loads each with safetensors.torch.load_file into LSTM(4, 6, 2, batch_first) → Linear(6, 1)
with load_state_dict(strict=True) and compares the prediction with torch_lstm_small_expected.json.
"""
import json
import pathlib
import sys

import torch
from safetensors.torch import load_file

ROOT = pathlib.Path(__file__).resolve().parents[2]
expected = json.loads((ROOT / "Tests/TensorsTests/Resources/nn/torch_lstm_small_expected.json").read_text())


class Regressor(torch.nn.Module):
    def __init__(self, dtype):
        super().__init__()
        self.lstm = torch.nn.LSTM(4, 6, num_layers=2, batch_first=True, dtype=dtype)
        self.head = torch.nn.Linear(6, 1, dtype=dtype)

    def forward(self, x):
        return self.head(self.lstm(x)[0][:, -1, :])


directory = pathlib.Path(sys.argv[1])
for name, dtype in [("factorlab_lstm_small.safetensors", torch.float32),
                    ("factorlab_lstm_small_f64.safetensors", torch.float64)]:
    state = load_file(str(directory / name))
    model = Regressor(dtype)
    model.load_state_dict(state, strict=True)
    with torch.no_grad():
        prediction = model(torch.tensor(expected["input"], dtype=dtype))
    error = (prediction - torch.tensor(expected["prediction"], dtype=dtype)).abs().max().item()
    print(f"{name}: {len(state)} tensors, dtype {next(iter(state.values())).dtype}, max |Δprediction| = {error:.3g}")
    assert error < 1e-6, error
print("PyTorch loads FactorLab files: OK")
