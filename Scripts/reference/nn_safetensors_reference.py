"""A safetensors file written by `safetensors.torch.save_file` with F16, BF16, F32, F64 and I32
tensors, plus the values PyTorch reads back, for FactorLab's interop tests.

Writes Tests/TensorsTests/Resources/nn/nn_torch_dtypes.safetensors and nn_torch_dtypes.json.
Run: /work/venv/bin/python Scripts/reference/nn_safetensors_reference.py
"""
import json
import pathlib

import torch
from safetensors.torch import save_file

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/TensorsTests/Resources/nn"
values = [1.0, -2.0, 0.5, 65504.0, 2.0 ** -24, 3.140625, -0.0, 1e-3]
tensors = {
    "half": torch.tensor(values, dtype=torch.float16).reshape(2, 4),
    "bfloat": torch.tensor(values, dtype=torch.bfloat16).reshape(4, 2),
    "single": torch.tensor(values, dtype=torch.float32).reshape(8),
    "double": torch.tensor([0.1, -1e300, 2.5], dtype=torch.float64),
    "counts": torch.tensor([1, 2, 3], dtype=torch.int32),
}
save_file(tensors, str(OUT / "nn_torch_dtypes.safetensors"), metadata={"source": "nn_safetensors_reference.py"})
expected = {name: {"shape": list(t.shape), "values": t.to(torch.float64).flatten().tolist()}
            for name, t in tensors.items()}
(OUT / "nn_torch_dtypes.json").write_text(json.dumps(expected, indent=1))
print("wrote", OUT / "nn_torch_dtypes.safetensors")
