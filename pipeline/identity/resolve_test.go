package identity

import (
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		name     string
		rows     []Row
		wantIDs  []string
		wantJoin []string
	}{
		{
			name: "same repo across releases, renamed",
			rows: []Row{
				{Release: 0, Name: "KFServing", Repo: "https://github.com/kserve/kserve"},
				{Release: 1, Name: "KServe", Repo: "https://github.com/kserve/kserve/"},
			},
			wantIDs:  []string{"github.com/kserve/kserve", "github.com/kserve/kserve"},
			wantJoin: []string{JoinNew, JoinRepo},
		},
		{
			name: "repo moved to a new owner, matched by name",
			rows: []Row{
				{Release: 0, Name: "BoTorch", Repo: "https://github.com/pytorch/botorch"},
				{Release: 1, Name: "BoTorch", Repo: "https://github.com/meta-pytorch/botorch"},
			},
			wantIDs:  []string{"github.com/pytorch/botorch", "github.com/pytorch/botorch"},
			wantJoin: []string{JoinNew, JoinMoved},
		},
		{
			name: "listed twice in one release",
			rows: []Row{
				{Release: 0, Name: "Kubeflow", Home: "https://kubeflow.org", Repo: "https://github.com/kubeflow/kubeflow"},
				{Release: 0, Name: "Kubeflow", Home: "https://www.kubeflow.org/", Repo: "https://github.com/kubeflow/kubeflow"},
			},
			wantIDs:  []string{"github.com/kubeflow/kubeflow", "github.com/kubeflow/kubeflow"},
			wantJoin: []string{JoinNew, JoinListing},
		},
		{
			name: "two tools sharing a homepage stay two tools",
			rows: []Row{
				{Release: 0, Name: "Amazon EKS", Home: "https://aws.amazon.com"},
				{Release: 0, Name: "Amazon ECS", Home: "https://aws.amazon.com"},
				{Release: 1, Name: "Amazon ECS", Home: "https://aws.amazon.com"},
				{Release: 1, Name: "Amazon EKS", Home: "https://aws.amazon.com"},
			},
			wantIDs:  []string{"aws.amazon.com", "aws.amazon.com#amazonecs", "aws.amazon.com#amazonecs", "aws.amazon.com"},
			wantJoin: []string{JoinNew, JoinNew, JoinHome, JoinHome},
		},
		{
			name: "same name, every URL changed between consecutive releases: the tool moved",
			rows: []Row{
				{Release: 0, Name: "Argo", Repo: "https://github.com/argoproj/argo"},
				{Release: 1, Name: "Argo", Repo: "https://github.com/argoproj/argo-workflows"},
			},
			wantIDs:  []string{"github.com/argoproj/argo", "github.com/argoproj/argo"},
			wantJoin: []string{JoinNew, JoinMoved},
		},
		{
			name: "same name after an absence, no shared URL: a different tool",
			rows: []Row{
				{Release: 0, Name: "Comet", Home: "https://comet.ml"},
				{Release: 1, Name: "Other", Home: "https://other.org"},
				{Release: 2, Name: "COMET", Repo: "https://github.com/Unbabel/COMET"},
			},
			wantIDs:  []string{"comet.ml", "other.org", "github.com/unbabel/comet"},
			wantJoin: []string{JoinNew, JoinNew, JoinNew},
		},
		{
			name: "same name and homepage beat a repository another tool used to list",
			rows: []Row{
				{Release: 0, Name: "Akuity", Home: "https://akuity.io", Repo: "https://github.com/argoproj/argo-cd"},
				{Release: 0, Name: "Argo", Home: "https://argoproj.github.io", Repo: "https://github.com/argoproj/argo-workflows"},
				{Release: 1, Name: "Akuity", Home: "https://akuity.io"},
				{Release: 1, Name: "Argo", Home: "https://argoproj.github.io", Repo: "https://github.com/argoproj/argo-cd"},
			},
			wantIDs:  []string{"github.com/argoproj/argo-cd", "github.com/argoproj/argo-workflows", "github.com/argoproj/argo-cd", "github.com/argoproj/argo-workflows"},
			wantJoin: []string{JoinNew, JoinNew, JoinHome, JoinMoved},
		},
		{
			name: "owner and name of the tool changed at once: joined by the repository's name",
			rows: []Row{
				{Release: 0, Name: "Weave Flux", Repo: "https://github.com/weaveworks/flux"},
				{Release: 1, Name: "Flux", Repo: "https://github.com/fluxcd/flux"},
			},
			wantIDs:  []string{"github.com/weaveworks/flux", "github.com/weaveworks/flux"},
			wantJoin: []string{JoinNew, JoinMoved},
		},
		{
			name: "homepage gained a repository later",
			rows: []Row{
				{Release: 0, Name: "Feast", Home: "https://feast.dev"},
				{Release: 1, Name: "Feast", Home: "https://feast.dev", Repo: "https://github.com/feast-dev/feast"},
				{Release: 2, Name: "Feast", Repo: "https://github.com/feast-dev/feast"},
			},
			wantIDs:  []string{"feast.dev", "feast.dev", "feast.dev"},
			wantJoin: []string{JoinNew, JoinHome, JoinRepo},
		},
		{
			name: "name only",
			rows: []Row{
				{Release: 0, Name: "Some Tool"},
				{Release: 1, Name: "some-tool"},
			},
			wantIDs:  []string{"name:sometool", "name:sometool"},
			wantJoin: []string{JoinNew, JoinName},
		},
		{
			name: "renamed member company, new homepage: joined by its logo",
			rows: []Row{
				{Release: 0, Name: "Huawei", Home: "https://www.huawei.com/en/", Logo: "huawei.svg", Category: "Members"},
				{Release: 0, Name: "Other", Home: "https://other.org", Logo: "other.svg", Category: "Members"},
				{Release: 1, Name: "Huawei Technologies Co., Ltd", Home: "https://huawei.com/", Logo: "logos/huawei.svg", Category: "Members"},
				{Release: 1, Name: "Other", Home: "https://other.org", Logo: "other.svg", Category: "Members"},
			},
			wantIDs:  []string{"huawei.com/en", "other.org", "huawei.com/en", "other.org"},
			wantJoin: []string{JoinNew, JoinNew, JoinLogo, JoinHome},
		},
		{
			name: "renamed product, same crunchbase: joined by it",
			rows: []Row{
				{Release: 0, Name: "Armory", Home: "https://armory.io/spinnaker", Crunchbase: "https://www.crunchbase.com/organization/armory"},
				{Release: 1, Name: "Armory Enterprise", Home: "https://armory.io/enterprise", Crunchbase: "https://crunchbase.com/organization/armory/"},
			},
			wantIDs:  []string{"armory.io/spinnaker", "armory.io/spinnaker"},
			wantJoin: []string{JoinNew, JoinCrunchbase},
		},
		{
			name: "a crunchbase page several tools share joins nothing",
			rows: []Row{
				{Release: 0, Name: "Amazon EKS", Home: "https://aws.amazon.com/eks", Crunchbase: "https://www.crunchbase.com/organization/amazon"},
				{Release: 0, Name: "Amazon ECS", Home: "https://aws.amazon.com/ecs", Crunchbase: "https://www.crunchbase.com/organization/amazon"},
				{Release: 1, Name: "Amazon ECS", Home: "https://aws.amazon.com/ecs", Crunchbase: "https://www.crunchbase.com/organization/amazon"},
				{Release: 1, Name: "Amazon Fargate", Home: "https://aws.amazon.com/fargate", Crunchbase: "https://www.crunchbase.com/organization/amazon"},
			},
			wantIDs:  []string{"aws.amazon.com/eks", "aws.amazon.com/ecs", "aws.amazon.com/ecs", "aws.amazon.com/fargate"},
			wantJoin: []string{JoinNew, JoinNew, JoinHome, JoinNew},
		},
		{
			name: "a product and its company's member listing share a crunchbase page: not joined across categories",
			rows: []Row{
				{Release: 0, Name: "Knox", Repo: "https://github.com/pinterest/knox", Category: "Provisioning", Crunchbase: "https://www.crunchbase.com/organization/pinterest"},
				{Release: 1, Name: "Pinterest (member)", Home: "https://www.pinterest.com", Category: "CNCF Members", Crunchbase: "https://www.crunchbase.com/organization/pinterest"},
			},
			wantIDs:  []string{"github.com/pinterest/knox", "pinterest.com"},
			wantJoin: []string{JoinNew, JoinNew},
		},
		{
			name: "same twitter account, same stock ticker",
			rows: []Row{
				{Release: 0, Name: "Bitnami", Home: "https://bitnami.com", Twitter: "https://twitter.com/Bitnami"},
				{Release: 0, Name: "Pivotal", Home: "https://pivotal.io", Ticker: "pvtl"},
				{Release: 1, Name: "Bitnami Stacksmith", Home: "https://stacksmith.bitnami.com", Twitter: "@bitnami"},
				{Release: 1, Name: "VMware Tanzu", Home: "https://tanzu.vmware.com", Ticker: "PVTL"},
			},
			wantIDs:  []string{"bitnami.com", "pivotal.io", "bitnami.com", "pivotal.io"},
			wantJoin: []string{JoinNew, JoinNew, JoinTwitter, JoinTicker},
		},
		{
			name: "homepage path changed with the name: joined by the host",
			rows: []Row{
				{Release: 0, Name: "OpenNebula - Kubernetes Appliance", Home: "https://marketplace.opennebula.io/appliance/547ecd"},
				{Release: 1, Name: "OpenNebula Kubernetes Engine", Home: "https://marketplace.opennebula.io/appliance/one-ke"},
			},
			wantIDs:  []string{"marketplace.opennebula.io/appliance/547ecd", "marketplace.opennebula.io/appliance/547ecd"},
			wantJoin: []string{JoinNew, JoinHost},
		},
		{
			name: "same line, same description, new name and repository",
			rows: []Row{
				{Release: 0, Name: "Airflow", Repo: "https://github.com/apache/airflow", Category: "Pipelines", Description: "Workflows as code."},
				{Release: 0, Name: "caravel", Repo: "https://github.com/airbnb/caravel", Category: "Pipelines", Description: "A data exploration platform designed to be visual, intuitive and interactive."},
				{Release: 0, Name: "Luigi", Repo: "https://github.com/spotify/luigi", Category: "Pipelines", Description: "Batch jobs."},
				{Release: 1, Name: "Airflow", Repo: "https://github.com/apache/airflow", Category: "Pipelines", Description: "Workflows as code."},
				{Release: 1, Name: "Superset", Repo: "https://github.com/apache/incubator-superset", Category: "Pipelines", Description: "A data exploration platform designed to be visual, intuitive and interactive."},
				{Release: 1, Name: "Luigi", Repo: "https://github.com/spotify/luigi", Category: "Pipelines", Description: "Batch jobs."},
			},
			wantIDs: []string{"github.com/apache/airflow", "github.com/airbnb/caravel", "github.com/spotify/luigi",
				"github.com/apache/airflow", "github.com/airbnb/caravel", "github.com/spotify/luigi"},
			wantJoin: []string{JoinNew, JoinNew, JoinNew, JoinRepo, JoinDescription, JoinRepo},
		},
		{
			name: "same neighbours, similar description: joined by position",
			rows: []Row{
				{Release: 0, Name: "A", Repo: "https://github.com/x/a", Category: "C", Description: "first"},
				{Release: 0, Name: "Ddosify", Repo: "https://github.com/ddosify/ddosify", Category: "C", Description: "Effortless Kubernetes monitoring and performance testing"},
				{Release: 0, Name: "Z", Repo: "https://github.com/x/z", Category: "C", Description: "last"},
				{Release: 1, Name: "A", Repo: "https://github.com/x/a", Category: "C", Description: "first"},
				{Release: 1, Name: "Anteon", Repo: "https://github.com/getanteon/anteon", Category: "C", Description: "Kubernetes monitoring with eBPF and performance testing"},
				{Release: 1, Name: "Z", Repo: "https://github.com/x/z", Category: "C", Description: "last"},
			},
			wantIDs: []string{"github.com/x/a", "github.com/ddosify/ddosify", "github.com/x/z",
				"github.com/x/a", "github.com/ddosify/ddosify", "github.com/x/z"},
			wantJoin: []string{JoinNew, JoinNew, JoinNew, JoinRepo, JoinPosition, JoinRepo},
		},
		{
			name: "a tool removed and another added in the same category, unlike: not joined",
			rows: []Row{
				{Release: 0, Name: "Old", Repo: "https://github.com/x/old", Category: "C", Description: "A tracing agent for JVMs."},
				{Release: 1, Name: "New", Repo: "https://github.com/y/new", Category: "C", Description: "Policy engine for clusters."},
			},
			wantIDs:  []string{"github.com/x/old", "github.com/y/new"},
			wantJoin: []string{JoinNew, JoinNew},
		},
		{
			name: "listed twice with two repositories, then both the same: one tool",
			rows: []Row{
				{Release: 0, Name: "MXNet", Repo: "https://github.com/dmlc/mxnet", Category: "Deep learning"},
				{Release: 0, Name: "MXNet", Repo: "https://github.com/apache/incubator-mxnet", Category: "Serving"},
				{Release: 1, Name: "MXNet", Repo: "https://github.com/apache/incubator-mxnet", Category: "Deep learning"},
				{Release: 1, Name: "MXNet", Repo: "https://github.com/apache/incubator-mxnet", Category: "Serving"},
			},
			wantIDs:  []string{"github.com/apache/incubator-mxnet", "github.com/apache/incubator-mxnet", "github.com/apache/incubator-mxnet", "github.com/apache/incubator-mxnet"},
			wantJoin: []string{JoinNew, JoinListing, JoinRepo, JoinListing},
		},
		{
			name: "a stale identity does not block the name of the tool listed now",
			rows: []Row{
				{Release: 0, Name: "caret", Home: "https://caret.r-forge.r-project.org"},
				{Release: 1, Name: "Other", Home: "https://other.org"},
				{Release: 2, Name: "caret", Home: "https://topepo.github.io/caret"},
				{Release: 3, Name: "caret", Home: "https://topepo.github.io/caret/index.html"},
				{Release: 4, Name: "caret", Home: "https://github.com/topepo/caret"},
			},
			wantIDs:  []string{"caret.r-forge.r-project.org", "other.org", "topepo.github.io/caret", "topepo.github.io/caret", "topepo.github.io/caret"},
			wantJoin: []string{JoinNew, JoinNew, JoinNew, JoinHome, JoinName},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Resolve(tt.rows, nil)
			for i := range tt.rows {
				if res.IDs[i] != tt.wantIDs[i] || res.Join[i] != tt.wantJoin[i] {
					t.Errorf("row %d: got (%q, %q), want (%q, %q)", i, res.IDs[i], res.Join[i], tt.wantIDs[i], tt.wantJoin[i])
				}
			}
		})
	}
}

// TestKeysOf checks the keys computed for a history that identity has not
// resolved: one key per distinct value, the null's last, stored for the
// next reader.
func TestKeysOf(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rel := catalog.Release{ID: "r1", Date: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	snap := &catalog.Snapshot{Release: rel, Listings: []catalog.Listing{
		{Name: "Weights & Biases", Category: "c", Subcategory: "s", RepoURL: "https://github.com/wandb/wandb.git", HomepageURL: "https://wandb.ai/"},
		{Name: "WEIGHTS &  biases", Category: "c", Subcategory: "s", RepoURL: "http://GitHub.com/WandB/wandb"},
		{Name: "MLflow", Category: "c", Subcategory: "s", HomepageURL: "https://mlflow.org"},
	}}
	h, err := catalog.NewHistory(mem, "t", []*catalog.Snapshot{snap})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Release()
	for _, tc := range []struct {
		col  int
		norm func(string) string
		keys int // distinct keys, "" included
	}{
		{catalog.ColName, NameKey, 3},
		{catalog.ColRepoURL, RepoKey, 2},
		{catalog.ColHomepageURL, HomeKey, 3},
	} {
		k := KeysOf(h, tc.col)
		codes, values := h.Codes(tc.col)
		if len(k.Codes) != len(values)+1 || len(k.Values) != tc.keys {
			t.Errorf("column %d: %d codes for %d values, %d keys %q; want %d keys", tc.col, len(k.Codes), len(values), len(k.Values), k.Values, tc.keys)
		}
		for i, v := range catalog.Strings(h.Record.Column(tc.col)) {
			if got, want := k.Key(codes[i]), tc.norm(v); got != want {
				t.Errorf("column %d row %d: key %q, want %q", tc.col, i, got, want)
			}
		}
		if stored, ok := h.Keys(tc.col); !ok || len(stored.Values) != len(k.Values) {
			t.Errorf("column %d: keys not stored", tc.col)
		}
	}
}
