import { useEffect, useState } from 'react';
import { restClient } from '../../api/rest-client';
import { RegionTree } from '../../regions/region-tree';
import type { DashboardScope } from '../widget-types';

let loading: Promise<RegionTree | null> | null = null;

/**
 * The administrative tree: the page's (an OC page loads it), else loaded once for every widget
 * of the page that needs names or drill-down (the wall's scope has none).
 */
export function useScopeRegions(scope: DashboardScope): RegionTree | null {
  const [tree, setTree] = useState<RegionTree | null>(null);
  useEffect(() => {
    // A sector page loads the tree itself and passes it in its scope.
    if (scope.regions || scope.sector !== null) return;
    let cancelled = false;
    loading ??= restClient.allRegions().then(
      (collection) => RegionTree.fromCollection(collection),
      () => {
        loading = null;
        return null;
      },
    );
    void loading.then((loaded) => {
      if (!cancelled) setTree(loaded);
    });
    return () => {
      cancelled = true;
    };
  }, [scope.regions, scope.sector]);
  return scope.regions ?? tree;
}
