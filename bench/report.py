#!/usr/bin/env python3
"""Turns bench/run.sh's raw measurements into the markdown table and the JSON report.

usage: report.py RAW_TSV STATUSES_TSV EVENTS_TXT REDIS_BENCHMARK_TSV META_JSON OUT_MD OUT_JSON
       report.py LATEST_JSON OUT_MD OUT_JSON      (renders a saved report again)

RAW_TSV, one wrk run a line: target scenario connections round requests duration_us p50_us
p90_us p99_us p999_us max_us non2xx socket_errors cpu_ticks redis_cpu_ticks hwm_kb rss_kb
redis_rss_kb. Every figure in the table is the median over the rounds, except non-2xx and
socket errors (summed) and peak RSS (the highest VmHWM seen, i.e. since the process started).
"""
import json, statistics, sys

SCENARIOS = {
    'get': 'GET /api/imports/{id} (random ids)',
    'list': 'GET /api/imports?limit=20',
    'list_status': 'GET /api/imports?limit=20&status=pending',
    'create': 'POST /api/imports',
    'patch': 'PATCH /api/imports/{id} (progress)',
    'mix': 'mix 80 % get / 15 % list / 5 % create',
}
FIELDS = ['target', 'scenario', 'connections', 'round', 'requests', 'duration_us', 'p50_us', 'p90_us', 'p99_us',
          'p999_us', 'max_us', 'non2xx', 'socket_errors', 'cpu_ticks', 'redis_cpu_ticks', 'hwm_kb', 'rss_kb',
          'redis_rss_kb']


def read_rows(path):
    rows = []
    with open(path) as lines:
        for line in lines:
            values = line.rstrip('\n').split('\t')
            if len(values) != len(FIELDS):
                continue
            row = dict(zip(FIELDS, values))
            for key in FIELDS[2:]:
                row[key] = int(float(row[key] or 0))
            rows.append(row)
    return rows


def summarize(runs, ticks_per_second):
    if not runs:
        return None
    rps = [r['requests'] / (r['duration_us'] / 1e6) if r['duration_us'] else 0 for r in runs]
    per_10k = lambda ticks: [r[ticks] / ticks_per_second / (r['requests'] / 1e4) if r['requests'] else 0 for r in runs]
    return {
        'rounds': len(runs),
        'rps': statistics.median(rps),
        'rps_rounds': [round(x) for x in rps],
        'p50_ms': statistics.median(r['p50_us'] for r in runs) / 1000,
        'p99_ms': statistics.median(r['p99_us'] for r in runs) / 1000,
        'p999_ms': statistics.median(r['p999_us'] for r in runs) / 1000,
        'max_ms': max(r['max_us'] for r in runs) / 1000,
        'requests': sum(r['requests'] for r in runs),
        'non2xx': sum(r['non2xx'] for r in runs),
        'socket_errors': sum(r['socket_errors'] for r in runs),
        'cpu_s_per_10k': statistics.median(per_10k('cpu_ticks')),
        'redis_cpu_s_per_10k': statistics.median(per_10k('redis_cpu_ticks')),
        'peak_rss_mb': max(r['hwm_kb'] for r in runs) / 1024,
        'rss_mb_after': runs[-1]['rss_kb'] / 1024,
    }


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(value, digits=2):
    return '–' if value is None else f'{value:.{digits}f}'


def load(raw, statuses_path, events_path, redis_path, meta_path):
    meta = json.load(open(meta_path))
    rows = read_rows(raw)
    statuses = {}
    for line in open(statuses_path):
        parts = line.split()
        if len(parts) == 5:
            key = f'{parts[0]} c{parts[1]}'
            statuses.setdefault(key, {})
            statuses[key][parts[3]] = statuses[key].get(parts[3], 0) + int(parts[4])
    events = [line.rstrip('\n') for line in open(events_path)]
    redis_benchmark = []
    for line in open(redis_path):
        name, connections, csv = (line.rstrip('\n').split('\t') + ['', ''])[:3]
        numbers = [field.strip('"') for field in csv.rsplit(',', 7)[1:]]
        if len(numbers) == 7:
            rps, avg, low, p50, p95, p99, high = map(float, numbers)
            redis_benchmark.append({'command': name, 'connections': int(connections), 'rps': rps,
                                    'p50_ms': p50, 'p99_ms': p99, 'max_ms': high})
    return meta, rows, statuses, events, redis_benchmark


def paired_ratio(rows, scenario, connections, value):
    """Median over rounds of service/baseline, each round's two runs being next to each other in time."""
    ratios = []
    for r in rows:
        if r['target'] == 'service' and r['scenario'] == scenario and r['connections'] == connections:
            b = [x for x in rows if x['target'] == 'baseline' and x['scenario'] == scenario
                 and x['connections'] == connections and x['round'] == r['round']]
            if b and value(b[0]):
                ratios.append(value(r) / value(b[0]))
    return statistics.median(ratios) if ratios else None


def render(meta, rows, statuses, events, redis_benchmark, out_md, out_json):
    ticks = meta.get('clock_ticks_per_s', 100)

    keys = []
    for r in rows:
        if (r['scenario'], r['connections']) not in keys:
            keys.append((r['scenario'], r['connections']))
    results = []
    for scenario, connections in keys:
        runs = lambda target: [r for r in rows if r['target'] == target and r['scenario'] == scenario
                               and r['connections'] == connections]
        service, baseline = summarize(runs('service'), ticks), summarize(runs('baseline'), ticks)
        results.append({
            'scenario': scenario, 'connections': connections, 'service': service, 'baseline': baseline,
            'service_non2xx_statuses': statuses.get(f'{scenario} c{connections}', {}),
            'rps_ratio': ratio(service and service['rps'], baseline and baseline['rps']),
            'p99_ratio': ratio(service and service['p99_ms'], baseline and baseline['p99_ms']),
            'cpu_per_request_ratio': ratio(service and service['cpu_s_per_10k'], baseline and baseline['cpu_s_per_10k']),
            'rps_ratio_paired': paired_ratio(rows, scenario, connections,
                                             lambda r: r['requests'] / r['duration_us'] if r['duration_us'] else 0),
            'p99_ratio_paired': paired_ratio(rows, scenario, connections, lambda r: r['p99_us']),
        })

    out = []
    out.append(f"Service vs C baseline (bench/baseline, same evhttp + hiredis loop, same Redis commands and "
               f"Lua scripts). {meta['rounds']} round(s) of {meta['duration_s']} s per target, alternating; "
               f"wrk -t1; {meta['seed_jobs']} jobs seeded ({meta['processing_jobs']} processing). "
               f"Medians over rounds; non-2xx and socket errors summed; peak RSS = VmHWM so far.")
    out.append('')
    out.append(f"Machine: {meta['nproc']} cores, {meta['cpu']}, kernel {meta['kernel']}, {meta['swift']}, "
               f"{meta['wrk']}, Redis {meta['redis']}; git {meta['git']}; load average {meta['loadavg_start']} "
               f"at start, {meta['loadavg_end']} at end. Command: `{meta['command'].strip()}`"
               + (f"; service settings: {meta['service_env']}" if meta['service_env'] else ''))
    out.append('')
    out.append('| scenario | conns | service req/s | baseline req/s | req/s ratio | service p50 / p99 / p99.9 ms '
               '| baseline p50 / p99 / p99.9 ms | p99 ratio | non-2xx svc / base | sock err svc / base '
               '| svc peak RSS MB | svc / base CPU s per 10k req | Redis CPU s per 10k req (svc run / base run) |')
    out.append('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    for result in results:
        s, b = result['service'], result['baseline']
        cell = lambda x, f: f(x) if x else '–'
        out.append('| ' + ' | '.join([
            result['scenario'], str(result['connections']),
            cell(s, lambda x: f"{x['rps']:.0f}"), cell(b, lambda x: f"{x['rps']:.0f}"), fmt(result['rps_ratio']),
            cell(s, lambda x: f"{x['p50_ms']:.2f} / {x['p99_ms']:.2f} / {x['p999_ms']:.2f}"),
            cell(b, lambda x: f"{x['p50_ms']:.2f} / {x['p99_ms']:.2f} / {x['p999_ms']:.2f}"),
            fmt(result['p99_ratio']),
            f"{s['non2xx'] if s else '–'} / {b['non2xx'] if b else '–'}",
            f"{s['socket_errors'] if s else '–'} / {b['socket_errors'] if b else '–'}",
            cell(s, lambda x: f"{x['peak_rss_mb']:.1f}"),
            f"{fmt(s and s['cpu_s_per_10k'], 3)} / {fmt(b and b['cpu_s_per_10k'], 3)}",
            f"{fmt(s and s['redis_cpu_s_per_10k'], 3)} / {fmt(b and b['redis_cpu_s_per_10k'], 3)}",
        ]) + ' |')
    out.append('')
    out.append('Ratios, service / baseline: req/s and p99 as ratios of the medians above and as the median of the '
               'per-round ratios (each round runs the two back to back, so this one cancels slow drifts in the '
               'machine\'s load); CPU = CPU seconds per request.')
    out.append('')
    out.append('| scenario | conns | req/s ratio | req/s ratio, paired | p99 ratio | p99 ratio, paired | CPU per request ratio |')
    out.append('|---|---:|---:|---:|---:|---:|---:|')
    for result in results:
        out.append(f"| {result['scenario']} | {result['connections']} | {fmt(result['rps_ratio'])} | "
                   f"{fmt(result['rps_ratio_paired'])} | {fmt(result['p99_ratio'])} | "
                   f"{fmt(result['p99_ratio_paired'])} | {fmt(result['cpu_per_request_ratio'])} |")
    out.append('')
    out.append('Scenarios: ' + '; '.join(f'`{k}` = {v}' for k, v in SCENARIOS.items()) + '.')
    baseline_rss = max((r['hwm_kb'] for r in rows if r['target'] == 'baseline'), default=0) / 1024
    out.append(f"RSS after warm-up: service {meta['rss_kb_after_warmup']['service'] / 1024:.1f} MB, baseline "
               f"{meta['rss_kb_after_warmup']['baseline'] / 1024:.1f} MB; baseline peak RSS over the run "
               f"{baseline_rss:.1f} MB.")
    bad = {f"{r['scenario']} c{r['connections']}": r['service_non2xx_statuses'] for r in results if r['service_non2xx_statuses']}
    out.append('Service non-2xx statuses (from its access log): ' + (json.dumps(bad) if bad else 'none') + '.')
    out.append(f"Service log lines other than access lines during the runs: {len(events)}"
               + (f" (first: `{events[0][:200]}`)" if events else '') + '.')
    if redis_benchmark:
        out.append('')
        out.append('redis-benchmark against the same Redis and data, same connection counts (the Redis side alone):')
        out.append('')
        out.append('| command | conns | req/s | p50 ms | p99 ms | max ms |')
        out.append('|---|---:|---:|---:|---:|---:|')
        for r in redis_benchmark:
            out.append(f"| {r['command']} | {r['connections']} | {r['rps']:.0f} | {r['p50_ms']:.3f} | "
                       f"{r['p99_ms']:.3f} | {r['max_ms']:.3f} |")
    with open(out_md, 'w') as md:
        md.write('\n'.join(out) + '\n')
    with open(out_json, 'w') as js:
        json.dump({'meta': meta, 'results': results, 'redis_benchmark': redis_benchmark,
                   'service_non2xx_statuses': statuses, 'service_log_events': events[:100],
                   'service_log_event_count': len(events), 'runs': rows}, js, indent=1)
        js.write('\n')


def main(args):
    if len(args) == 3:
        saved = json.load(open(args[0]))
        render(saved['meta'], saved['runs'], saved.get('service_non2xx_statuses', {}), saved['service_log_events'],
               saved['redis_benchmark'], *args[1:])
    else:
        render(*load(*args[:5]), *args[5:])


if __name__ == '__main__':
    main(sys.argv[1:])
