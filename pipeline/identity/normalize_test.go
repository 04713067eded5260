package identity

import "testing"

func TestRepoKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://github.com/mlflow/mlflow", "github.com/mlflow/mlflow"},
		{"http://www.GitHub.com/MLflow/MLflow/", "github.com/mlflow/mlflow"},
		{"https://github.com/pytorch/botorch.git", "github.com/pytorch/botorch"},
		{"https://github.com/kubeflow/kubeflow/tree/master/components", "github.com/kubeflow/kubeflow"},
		{"github.com/a/b", "github.com/a/b"},
		{"https://gitlab.com/group/project/-/tree/main", "gitlab.com/group/project"},
		{"https://example.org/repo/", "example.org/repo"},
		{"", ""},
		{"::not a url", ""},
	}
	for _, tt := range tests {
		if got := RepoKey(tt.in); got != tt.want {
			t.Errorf("RepoKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHomeKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.mlflow.org/", "mlflow.org"},
		{"https://mlflow.org/index.html", "mlflow.org"},
		{"https://Example.org/Docs/?utm=1#top", "example.org/docs"},
		{"https://github.com/org/repo/blob/main/README.md", "github.com/org/repo"},
		{"https://www.youtube.com/watch?v=XuCwpnU-F1k", "youtube.com/watch/xucwpnu-f1k"},
		{"https://youtu.be/XuCwpnU-F1k", "youtube.com/watch/xucwpnu-f1k"},
		{"youtube.com/watch/xucwpnu-f1k", "youtube.com/watch/xucwpnu-f1k"},
		{"https://www.youtube.com/watch", "youtube.com/watch"},
		{"https://www.youtube.com/watch?v=a%20b", "youtube.com/watch"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := HomeKey(tt.in); got != tt.want {
			t.Errorf("HomeKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNameKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ray Serve", "rayserve"},
		{"ray-serve", "rayserve"},
		{"  MLflow ", "mlflow"},
		{"Weights & Biases", "weightsbiases"},
		{"Café.js", "caféjs"},
	}
	for _, tt := range tests {
		if got := NameKey(tt.in); got != tt.want {
			t.Errorf("NameKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
