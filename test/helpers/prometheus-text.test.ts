import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';

const valid = `# HELP requests_total Requests.
# TYPE requests_total counter
requests_total{group="reader_page",status="2xx"} 3
requests_total{group="feed",status="2xx"} 1
# HELP t Time.
# TYPE t histogram
t_bucket{le="0.1"} 1
t_bucket{le="1"} 2
t_bucket{le="+Inf"} 2
t_sum 0.6
t_count 2
# TYPE lag gauge
lag{path="a \\"quoted\\" \\\\ value\\n"} Nan
`;

describe('the Prometheus text parser used by the tests', () => {
  it('reads families, labels with escapes, histograms and NaN', () => {
    const families = parsePrometheusText(valid);
    expect(families.get('t')?.type).toBe('histogram');
    expect(sampleValue(families, 'requests_total', { group: 'feed' })).toBe(1);
    expect(sampleValue(families, 't_count')).toBe(2);
    expect(families.get('lag')?.samples[0]?.labels.path).toBe('a "quoted" \\ value\n');
  });

  it('refuses what a Prometheus server would refuse or what breaks the format', () => {
    const broken: Array<[string, RegExp]> = [
      ['x 1', /end with a newline/],
      ['1x 2\n', /not a sample/],
      ['x{a="1"} one\n', /not a number/],
      ['x{a="1} 1\n', /unterminated|expected/],
      ['x{a="\\t"} 1\n', /bad escape/],
      ['x{a="1",a="2"} 1\n', /twice/],
      ['x{__name__="y"} 1\n', /reserved/],
      ['x 1\nx 2\n', /duplicate series/],
      ['x 1\n# TYPE x counter\n', /TYPE of x after its samples/],
      ['# TYPE x counter\n# TYPE x gauge\n', /second TYPE/],
      ['# TYPE x summery\n', /unknown type/],
      ['x 1\ny 1\nx{a="b"} 1\n', /interleaved/],
      ['# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n', /\+Inf/],
      [
        '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n',
        /cumulative/,
      ],
      ['# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 1\n', /_count/],
    ];
    for (const [text, problem] of broken)
      expect(() => parsePrometheusText(text), text).toThrow(problem);
  });
});
