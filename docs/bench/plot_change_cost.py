#!/usr/bin/env python3
"""Draws docs/bench/change-cost.svg from docs/bench/change-cost.csv (written by
`dotnet run -c Release --project tests/KongDashboard.Benchmarks -- --change-cost 1000,5000,10000,20000 200 docs/bench/change-cost.csv`).

No plotting library: a few lines of SVG, so anyone can regenerate the figure with a bare python3.
Left: cost of one Ingress change against cluster size (p50/p99 wall, p50 CPU, and what a full serialization + SHA-256
of the body costs, i.e. what every change paid before). Right: retained bytes per Ingress.
"""
import csv
import math
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "change-cost.csv")
target = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "change-cost.svg")
rows = list(csv.DictReader(open(source)))
sizes = [int(r["ingresses"]) for r in rows]

series = [
    ("change → body + hash, p50 wall", "p50_ms", "#1f77b4"),
    ("change → body + hash, p99 wall", "p99_ms", "#ff7f0e"),
    ("change → body + hash, p50 CPU", "cpu_p50_ms", "#2ca02c"),
    ("before: full serialization + SHA-256", "full_serialization_ms", "#d62728"),
]

W, H, M = 420, 300, 50


def panel(x0, title, ylabel, lines, ymax, log=False):
    out = [f'<g transform="translate({x0},0)">',
           f'<text x="{W / 2}" y="18" text-anchor="middle" font-size="13">{title}</text>',
           f'<line x1="{M}" y1="{H - M}" x2="{W - 10}" y2="{H - M}" stroke="black"/>',
           f'<line x1="{M}" y1="30" x2="{M}" y2="{H - M}" stroke="black"/>',
           f'<text x="12" y="{H / 2}" font-size="11" transform="rotate(-90 12 {H / 2})" text-anchor="middle">{ylabel}</text>',
           f'<text x="{W / 2}" y="{H - 12}" font-size="11" text-anchor="middle">Ingresses</text>']
    xmax = max(sizes)

    def px(v):
        return M + (W - 10 - M) * v / xmax

    top = math.ceil(math.log10(ymax)) if log else 0

    def py(v):
        if log:  # decades from 1 to 10^top
            return H - M - (H - M - 30) * math.log10(max(v, 1)) / top
        return H - M - (H - M - 30) * v / ymax

    ticks = [10 ** i for i in range(top + 1)] if log else [ymax * i / 4 for i in range(5)]
    for v in ticks:
        out.append(f'<text x="{M - 4}" y="{py(v) + 4}" font-size="10" text-anchor="end">{v:.0f}</text>')
        out.append(f'<line x1="{M}" y1="{py(v)}" x2="{W - 10}" y2="{py(v)}" stroke="#ddd"/>')
    for s in sizes:
        out.append(f'<text x="{px(s)}" y="{H - M + 14}" font-size="10" text-anchor="middle">{s // 1000}k</text>')
    for n, (label, values, color) in enumerate(lines):
        points = " ".join(f"{px(s):.1f},{py(v):.1f}" for s, v in zip(sizes, values))
        out.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>')
        for s, v in zip(sizes, values):
            out.append(f'<circle cx="{px(s):.1f}" cy="{py(v):.1f}" r="3" fill="{color}"/>')
        out.append(f'<rect x="{M + 8}" y="{34 + n * 14}" width="10" height="3" fill="{color}"/>')
        out.append(f'<text x="{M + 22}" y="{39 + n * 14}" font-size="10">{label}</text>')
    out.append("</g>")
    return out


cost_lines = [(label, [float(r[key]) for r in rows], color) for label, key, color in series]
cost_max = max(max(v) for _, v, _ in cost_lines) * 1.1
bytes_lines = [("retained bytes per Ingress", [float(r["bytes_per_ingress"]) for r in rows], "#9467bd")]
bytes_max = max(bytes_lines[0][1]) * 1.3

svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * W}" height="{H}" font-family="sans-serif">',
       f'<rect width="{2 * W}" height="{H}" fill="white"/>']
svg += panel(0, "Cost of one Ingress change (log scale)", "ms", cost_lines, cost_max, log=True)
svg += panel(W, "Memory retained per Ingress", "bytes", bytes_lines, bytes_max)
svg.append("</svg>")
with open(target, "w") as f:
    f.write("\n".join(svg) + "\n")
print(f"wrote {target}")
