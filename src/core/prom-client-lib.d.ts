// prom-client's metric classes, imported one by one: `import 'prom-client'` also loads the
// Pushgateway, the cluster aggregator and OpenTelemetry (~100 ms at start-up); these four cost ~10 ms.
// The default process metrics are loaded from the package root on the first scrape.
declare module 'prom-client/lib/registry.js' {
  import { Registry } from 'prom-client';
  export default Registry;
}
declare module 'prom-client/lib/counter.js' {
  import { Counter } from 'prom-client';
  export default Counter;
}
declare module 'prom-client/lib/gauge.js' {
  import { Gauge } from 'prom-client';
  export default Gauge;
}
declare module 'prom-client/lib/histogram.js' {
  import { Histogram } from 'prom-client';
  export default Histogram;
}
