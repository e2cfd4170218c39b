import json,sys
D = sys.argv[1] if len(sys.argv) > 1 else '.'
def load(p):
    try: return json.load(open(p))
    except Exception: return []
key=lambda r:(r['batch'],r['seq'],r['input'],r['hidden'],r['layers'])
rows=[]
for dt,files in (('f32',[1,2]),('f64',[1])):
    for th in files:
        ours={key(r):r for r in load(f'{D}/ours_{dt}_t{th}.json')}
        t={key(r):r for r in load(f'{D}/torch_{dt}_t{th}.json')}
        tf={key(r):r for r in load(f'{D}/torch_{dt}ftz_t{th}.json')}
        print(f"\n{dt}, {th} thread(s): ms per training step (median), ratios")
        print("B/T/I/H/L         ours step  floor  step/floor  torch  torch_ftz  ours/torch  ours/best_torch  ours infer  torch infer")
        for k,o in ours.items():
            tt=t.get(k,{}).get('train_step_ms',float('nan')); tft=tf.get(k,{}).get('train_step_ms',float('nan'))
            ti=t.get(k,{}).get('fwd_infer_ms',float('nan'))
            best=min(x for x in (tt,tft) if x==x) if (tt==tt or tft==tft) else float('nan')
            print(f"{'/'.join(map(str,k)):16s} {o['step_ms']:9.2f} {o['floor_ms']:7.2f} {o['step_ms']/o['floor_ms']:9.2f}  {tt:7.2f} {tft:9.2f} {o['step_ms']/tt:10.2f} {o['step_ms']/best:14.2f} {o['infer_ms']:10.2f} {ti:10.2f}")

# Markdown tables for Docs/Performance.md: python3 lstm_vs_torch_table.py DIR --markdown
if '--markdown' in sys.argv:
    for dt,files in (('f32',[1,2]),('f64',[1])):
        for th in files:
            ours={key(r):r for r in load(f'{D}/ours_{dt}_t{th}.json')}
            t={key(r):r for r in load(f'{D}/torch_{dt}_t{th}.json')}
            tf={key(r):r for r in load(f'{D}/torch_{dt}ftz_t{th}.json')}
            name={'f32':'Float32','f64':'Float64'}[dt]
            print(f"\n**{name}, {th} thread{'s' if th>1 else ''}**\n")
            print("| B/T/I/H/L | step | floor | step/floor | torch | torch FTZ | step/torch (best) | infer | torch infer |")
            print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
            for k,o in ours.items():
                tt=t.get(k,{}).get('train_step_ms',float('nan')); tft=tf.get(k,{}).get('train_step_ms',float('nan'))
                ti=t.get(k,{}).get('fwd_infer_ms',float('nan'))
                cands=[x for x in (tt,tft) if x==x]
                best=min(cands) if cands else float('nan')
                f=lambda v:('–' if v!=v else (f"{v:.2f}" if v<10 else (f"{v:.1f}" if v<100 else f"{v:.0f}")))
                print(f"| {'/'.join(map(str,k))} | {f(o['step_ms'])} | {f(o['floor_ms'])} | {o['step_ms']/o['floor_ms']:.2f} | {f(tt)} | {f(tft)} | {o['step_ms']/best:.2f} | {f(o['infer_ms'])} | {f(ti)} |")
