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
			name: "same name, different repositories: different tools",
			rows: []Row{
				{Release: 0, Name: "Kite", Repo: "https://github.com/a/kite"},
				{Release: 1, Name: "Kite", Repo: "https://github.com/b/other"},
			},
			wantIDs:  []string{"github.com/a/kite", "github.com/b/other"},
			wantJoin: []string{JoinNew, JoinNew},
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
