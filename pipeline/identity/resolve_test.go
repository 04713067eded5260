package identity

import "testing"

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
