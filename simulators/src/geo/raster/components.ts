import { Grid, OUTSIDE } from './grid.js';

/** 4-connected components of each label: component id per cell (-1 outside) and the cells per component. */
export function labelComponents(grid: Grid, labels: Int32Array): { componentOf: Int32Array; cells: number[][] } {
  const componentOf = new Int32Array(grid.size).fill(-1);
  const cells: number[][] = [];
  for (let start = 0; start < grid.size; start++) {
    const label = labels[start];
    if (label === OUTSIDE || componentOf[start] !== -1) continue;
    const id = cells.length;
    const members: number[] = [start];
    componentOf[start] = id;
    for (let k = 0; k < members.length; k++) {
      for (const n of grid.neighbours(members[k])) {
        if (componentOf[n] === -1 && labels[n] === label) {
          componentOf[n] = id;
          members.push(n);
        }
      }
    }
    cells.push(members);
  }
  return { componentOf, cells };
}
