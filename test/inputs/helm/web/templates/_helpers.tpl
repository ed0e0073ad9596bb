{{- define "web.labels" -}}
helm.sh/chart: web-{{ .Chart.Version }}
app.kubernetes.io/name: web
{{- end }}
