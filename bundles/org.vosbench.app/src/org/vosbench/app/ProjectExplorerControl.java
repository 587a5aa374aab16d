package org.vosbench.app;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.vosbench.model.Dataset;
import org.vosbench.model.Evaluation;
import org.vosbench.model.ReviewState;
import org.vosbench.model.Run;
import org.vosbench.model.Sequence;
import org.vosbench.model.store.ProjectStore;

/**
 * The body of the project explorer: the project's datasets → sequences (frames, objects, review state,
 * counts per dataset), runs and evaluations, and one button per review state that sets the selected
 * sequences' state with one click and saves the project.
 */
public final class ProjectExplorerControl extends Composite {

    /**
     * A group row ("Runs", "Evaluations").
     *
     * @param title what the row shows
     * @param children its elements
     */
    public record Group(String title, List<?> children) {
        // equal by title, so the tree keeps a group expanded when its children change
        @Override
        public boolean equals(Object o) {
            return o instanceof Group g && g.title.equals(title);
        }

        @Override
        public int hashCode() {
            return title.hashCode();
        }
    }

    private final Label header;
    private final TreeViewer viewer;
    private final Map<ReviewState, Button> reviewButtons = new EnumMap<>(ReviewState.class);
    private final org.eclipse.swt.widgets.List history;
    private final ProjectSession.Listener listener = s -> refresh();
    private ProjectSession session;
    private Consumer<Object> openHandler = o -> {
    };

    public ProjectExplorerControl(Composite parent, int style) {
        super(parent, style);
        setLayout(new GridLayout(1, false));
        header = new Label(this, SWT.WRAP);
        header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        viewer = new TreeViewer(this, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setContentProvider(new ContentProvider());
        viewer.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return label(element);
            }
        });
        viewer.addDoubleClickListener(e -> {
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first != null) {
                openHandler.accept(first);
            }
        });
        viewer.addSelectionChangedListener(e -> updateButtons());
        Label reviewLabel = new Label(this, SWT.NONE);
        reviewLabel.setText("Review state of the selected sequences:");
        Composite buttons = new Composite(this, SWT.NONE);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        GridLayout bl = new GridLayout(3, true);
        bl.marginWidth = 0;
        buttons.setLayout(bl);
        for (ReviewState state : ReviewState.VALUES) {
            // toggles: the pressed one is the selected sequences' state
            Button b = new Button(buttons, SWT.TOGGLE);
            b.setText(title(state));
            b.setToolTipText("Mark the selected sequences as " + title(state).toLowerCase()
                    + " (saved at once, written into the review history with your name)");
            b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            b.addListener(SWT.Selection, e -> setReviewStateOfSelection(state));
            reviewButtons.put(state, b);
        }
        Label historyLabel = new Label(this, SWT.NONE);
        historyLabel.setText("Review history of the selected sequence:");
        history = new org.eclipse.swt.widgets.List(this, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        GridData hd = new GridData(SWT.FILL, SWT.FILL, true, false);
        hd.heightHint = 110;
        history.setLayoutData(hd);
        setSession(null);
        addListener(SWT.Dispose, e -> {
            if (session != null) {
                session.removeListener(listener);
            }
        });
    }

    public TreeViewer viewer() {
        return viewer;
    }

    public Label header() {
        return header;
    }

    /** The selected sequence's review history, newest first. */
    public org.eclipse.swt.widgets.List historyList() {
        return history;
    }

    public Button reviewButton(ReviewState state) {
        return reviewButtons.get(state);
    }

    public ProjectSession session() {
        return session;
    }

    /** What a double-click on a row does (the view opens editors). */
    public void setOpenHandler(Consumer<Object> handler) {
        openHandler = handler;
    }

    public void setSession(ProjectSession newSession) {
        if (session != null) {
            session.removeListener(listener);
        }
        session = newSession;
        if (session != null) {
            session.addListener(listener);
        }
        viewer.setInput(session);
        refresh();
    }

    public void refresh() {
        if (isDisposed()) {
            return;
        }
        if (session == null) {
            header.setText("No project open. File ▸ New Project, Open Project, or Open Sample Project.");
        } else {
            header.setText(session.project().getName() + "  —  " + session.file());
        }
        Object[] expanded = viewer.getExpandedElements();
        viewer.refresh();
        if (expanded.length == 0 && session != null) {
            viewer.expandToLevel(2);
        } else {
            viewer.setExpandedElements(expanded);
        }
        layout(true);
        updateButtons();
    }

    /** The sequences among the selected rows. */
    public List<Sequence> selectedSequences() {
        List<Sequence> result = new ArrayList<>();
        for (Object o : viewer.getStructuredSelection().toList()) {
            if (o instanceof Sequence s) {
                result.add(s);
            }
        }
        return result;
    }

    /** Sets the review state of the selected sequences and saves the project. */
    public void setReviewStateOfSelection(ReviewState state) {
        List<Sequence> selected = selectedSequences();
        if (session == null || selected.isEmpty()) {
            return;
        }
        try {
            for (Sequence s : selected) {
                session.setReviewState(s, state);
            }
            updateButtons();
        } catch (IOException e) {
            MessageDialog.openError(getShell(), "Could not save the project", e.getMessage());
        }
    }

    private void updateButtons() {
        List<Sequence> selected = selectedSequences();
        boolean any = !selected.isEmpty();
        ReviewState common = any && selected.stream().allMatch(s -> s.getReviewState() == selected.get(0)
                .getReviewState()) ? selected.get(0).getReviewState() : null;
        reviewButtons.forEach((state, b) -> {
            b.setEnabled(any);
            b.setSelection(state == common);
        });
        history.removeAll();
        if (session != null && selected.size() == 1) {
            List<ReviewHistory.Entry> entries = new ArrayList<>(session.reviewHistory(selected.get(0)));
            java.util.Collections.reverse(entries);
            java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .withZone(java.time.ZoneId.systemDefault());
            for (ReviewHistory.Entry e : entries) {
                history.add(String.format("%s  %s: %s → %s  (%s)", f.format(e.time()), e.annotator(),
                        title(e.from()).toLowerCase(), title(e.to()).toLowerCase(), e.note()));
            }
            if (entries.isEmpty()) {
                history.add("no changes yet");
            }
        }
    }

    /** The review state as people read it. */
    public static String title(ReviewState state) {
        return switch (state) {
            case NOT_STARTED -> "Not started";
            case IN_PROGRESS -> "In progress";
            case PROPAGATED -> "Propagated";
            case REVIEWED -> "Reviewed";
            case APPROVED -> "Approved";
        };
    }

    /** The text of a tree row. */
    public static String label(Object element) {
        if (element instanceof Dataset d) {
            StringBuilder counts = new StringBuilder();
            ProjectStore.reviewStateCounts(d).forEach((state, n) -> {
                if (n > 0) {
                    counts.append(counts.isEmpty() ? "" : " · ").append(n).append(' ')
                            .append(title(state).toLowerCase());
                }
            });
            return String.format("%s  [%s, %d sequences: %s]", d.getName(), d.getFormatId(), d.getSequences().size(),
                    counts);
        }
        if (element instanceof Sequence s) {
            return String.format("%s  —  %d frames, %d object%s  ·  %s", s.getName(), s.getFrameCount(),
                    s.getObjectIds().size(), s.getObjectIds().size() == 1 ? "" : "s",
                    title(s.getReviewState()).toLowerCase());
        }
        if (element instanceof Run r) {
            return String.format("%s  %s  ·  %s  ·  %d frames, %.2f frames/s  ·  %s", r.getId(),
                    r.getName() == null ? "" : r.getName(), r.getBackboneId(), r.getFrames(), r.getFramesPerSecond(),
                    r.getStatus() == null ? "" : r.getStatus().getLiteral());
        }
        if (element instanceof Evaluation e) {
            return String.format("%s  %s  ·  J&F %.3f  (J %.3f, F %.3f)", e.getId(), e.getName() == null ? ""
                    : e.getName(), e.getJAndF(), e.getJMean(), e.getFMean());
        }
        if (element instanceof Group g) {
            return g.title() + " (" + g.children().size() + ")";
        }
        return String.valueOf(element);
    }

    private static final class ContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            if (!(input instanceof ProjectSession s)) {
                return new Object[0];
            }
            List<Object> top = new ArrayList<>(s.project().getDatasets());
            top.add(new Group("Runs", List.copyOf(s.project().getRuns())));
            top.add(new Group("Evaluations", List.copyOf(s.project().getEvaluations())));
            return top.toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            if (parent instanceof Dataset d) {
                return d.getSequences().toArray();
            }
            if (parent instanceof Group g) {
                return g.children().toArray();
            }
            return new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return element instanceof Sequence s ? s.getDataset() : null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return getChildren(element).length > 0;
        }
    }
}
