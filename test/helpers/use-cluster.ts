// Imported first (for its effect) by a test file under test/cluster/: see ./on-cluster.
import { useCluster } from './on-cluster';

useCluster();
