package views

// Search (/) outside the table view: a view whose selectable items have
// labels (the figures view's list of indicators) lets the search move the
// selection to the items whose label matches; any other view searches the
// rows of its table view.

// ItemLabeler is a Selector whose items have labels people read, in the
// order of the items.
type ItemLabeler interface {
	ItemLabels(d Data) []string
}

// ItemLabels are the titles of the indicators, as the list shows them.
func (figuresView) ItemLabels(d Data) []string {
	var out []string
	for _, s := range d.(*FiguresData).Series {
		out = append(out, s.Title)
	}
	return out
}
