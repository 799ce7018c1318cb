import type { CustomCheck } from '../../lib/lessons/custom-check';

export const title = 'Holds at most 5,000 model instances at once';

const LIMIT = 5000;

const check: CustomCheck = ({ record, before }) => {
  const peak = record.totals.peak_instances;
  const was = before.totals.peak_instances.toLocaleString('en-US');
  return peak <= LIMIT
    ? { passed: true, message: `peak ${peak.toLocaleString('en-US')} instances (before.ts: ${was})` }
    : { passed: false, message: `peak ${peak.toLocaleString('en-US')} instances held at once, limit ${LIMIT.toLocaleString('en-US')}: the loop keeps every row in the QuerySet's result cache` };
};
export default check;
