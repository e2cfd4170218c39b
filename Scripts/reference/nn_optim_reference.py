"""Reference vectors for FactorLab's NN training stack, computed with PyTorch.

Writes Tests/TensorsTests/Resources/nn/nn_optim_reference.json with:
  optimizers: SGD (plain, momentum+dampening+decay, Nesterov), Adam (+ L2 decay), AdamW —
              initial parameters, a fixed gradient sequence and the parameters after every step,
              in float64 and float32 (single-tensor CPU path, foreach=False as on CPU by default);
  clipping:   torch.nn.utils.clip_grad_norm_ results (total norm, clipped gradients) for norm 2 and inf;
  schedules:  StepLR and CosineAnnealingLR learning rates for 25 epochs (get_last_lr after each step);
  linear:     nn.Linear forward / backward (weight, bias, input, output, grads) and MSE loss + gradient.

Run: /work/venv/bin/python Scripts/reference/nn_optim_reference.py
"""
import json
import pathlib

import torch

torch.manual_seed(1234)
OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/TensorsTests/Resources/nn/nn_optim_reference.json"

# Small tensors run only PyTorch's scalar loop; (19, 3) also its vectorised loop (57 = 32 + 25 tail).
SHAPES = [(3, 2), (4,), (19, 3)]
STEPS = 6


def optimizer_case(name, factory, dtype):
    g = torch.Generator().manual_seed(7)
    params = [torch.randn(s, generator=g, dtype=torch.float64).to(dtype).requires_grad_() for s in SHAPES]
    grads = [[torch.randn(s, generator=g, dtype=torch.float64).to(dtype) for s in SHAPES] for _ in range(STEPS)]
    initial = [p.detach().clone().flatten().tolist() for p in params]
    opt = factory(params)
    after = []
    for step in range(STEPS):
        for p, gr in zip(params, grads[step]):
            p.grad = gr.clone()
        opt.step()
        after.append([p.detach().clone().flatten().tolist() for p in params])
    return {
        "name": name,
        "dtype": "F64" if dtype == torch.float64 else "F32",
        "shapes": [list(s) for s in SHAPES],
        "initial": initial,
        "gradients": [[gr.flatten().tolist() for gr in step] for step in grads],
        "after": after,
    }


OPTIMIZERS = {
    "sgd_plain": (dict(kind="sgd", lr=0.1),
                  lambda ps: torch.optim.SGD(ps, lr=0.1, foreach=False)),
    "sgd_momentum_dampening_decay": (dict(kind="sgd", lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01),
                  lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01, foreach=False)),
    "sgd_nesterov": (dict(kind="sgd", lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.001),
                  lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.001, foreach=False)),
    "adam": (dict(kind="adam", lr=0.01),
                  lambda ps: torch.optim.Adam(ps, lr=0.01, foreach=False)),
    "adam_l2_betas": (dict(kind="adam", lr=0.02, beta1=0.5, beta2=0.99, eps=1e-6, weight_decay=0.1),
                  lambda ps: torch.optim.Adam(ps, lr=0.02, betas=(0.5, 0.99), eps=1e-6, weight_decay=0.1, foreach=False)),
    "adamw": (dict(kind="adamw", lr=0.01, weight_decay=0.05),
                  lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.05, foreach=False)),
}

optimizers = []
for name, (hyper, factory) in OPTIMIZERS.items():
    for dtype in (torch.float64, torch.float32):
        case = optimizer_case(name, factory, dtype)
        case["hyper"] = hyper
        optimizers.append(case)

# Gradient clipping.
clipping = []
for dtype in (torch.float64, torch.float32):
    for max_norm, norm_type in [(1.0, 2.0), (100.0, 2.0), (0.5, float("inf"))]:
        g = torch.Generator().manual_seed(11)
        params = [torch.zeros(s, dtype=dtype, requires_grad=True) for s in SHAPES]
        grads = [torch.randn(s, generator=g, dtype=torch.float64).to(dtype) for s in SHAPES]
        for p, gr in zip(params, grads):
            p.grad = gr.clone()
        total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type=norm_type, foreach=False)
        clipping.append({
            "dtype": "F64" if dtype == torch.float64 else "F32",
            "shapes": [list(sh) for sh in SHAPES],
            "max_norm": max_norm, "norm_type": "inf" if norm_type == float("inf") else norm_type,
            "gradients": [gr.flatten().tolist() for gr in grads],
            "total_norm": total.item(),
            "clipped": [p.grad.flatten().tolist() for p in params],
        })

# Learning-rate schedules.
def schedule(make, lr=0.1, epochs=25):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr)
    sched = make(opt)
    rates = []
    for _ in range(epochs):
        opt.step()
        sched.step()
        rates.append(sched.get_last_lr()[0])
    return rates

schedules = {
    "step_3_0.5": schedule(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5)),
    "cosine_10_0.001": schedule(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10, eta_min=0.001)),
    "cosine_7_0": schedule(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=7)),
}

# Linear forward/backward and MSE.
lin = torch.nn.Linear(3, 2, dtype=torch.float64)
x = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
target = torch.randn(4, 2, dtype=torch.float64)
y = lin(x)
loss = torch.nn.functional.mse_loss(y, target)
loss.backward()
linear = {
    "weight": lin.weight.detach().flatten().tolist(), "bias": lin.bias.detach().tolist(),
    "input": x.detach().flatten().tolist(), "target": target.flatten().tolist(),
    "output": y.detach().flatten().tolist(), "loss": loss.item(),
    "weight_grad": lin.weight.grad.flatten().tolist(), "bias_grad": lin.bias.grad.tolist(),
    "input_grad": x.grad.flatten().tolist(),
}

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps({
    "torch_version": torch.__version__,
    "optimizers": optimizers, "clipping": clipping, "schedules": schedules, "linear": linear,
}))
print("wrote", OUT)
