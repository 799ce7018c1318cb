import type { CustomCheck } from '../../lib/lessons/custom-check';

export const title = 'Reads go to the replica, writes and read-your-own-writes to default';

const check: CustomCheck = ({ record }) => {
  const sql = record.statements.filter((s) => s.kind === 'read' || s.kind === 'write');
  const count = (kind: string, alias: string) => sql.filter((s) => s.kind === kind && s.alias === alias).length;
  const misplacedWrites = sql.filter((s) => s.kind === 'write' && s.alias !== 'default').length;
  if (misplacedWrites) return { passed: false, message: `${misplacedWrites} write(s) ran on a replica: writes belong on default` };
  const writes = count('write', 'default');
  const primaryReads = count('read', 'default');
  const replicaReads = count('read', 'replica');
  if (primaryReads > writes) {
    return {
      passed: false,
      message: `${primaryReads} reads ran on default and ${replicaReads} on replica: only a read that must see this request's own write (${writes} writes) needs the primary`,
    };
  }
  return { passed: true, message: `${replicaReads} reads on replica, ${primaryReads} on default right after ${writes} writes` };
};
export default check;
