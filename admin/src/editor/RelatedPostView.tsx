import type { NodeViewProps } from '@tiptap/react';
import { useEffect, useState } from 'react';
import { BlockFrame } from './BlockFrame.js';
import { useEditorServices } from './editor-services.js';
import type { PostSummary } from './post-titles.js';

type Loaded =
  { state: 'loading' } | { state: 'done'; post: PostSummary | null } | { state: 'failed' };

export function RelatedPostView({ node, deleteNode, selected, editor, getPos }: NodeViewProps) {
  const { postTitles } = useEditorServices();
  const postId = String(node.attrs.postId);
  const [loaded, setLoaded] = useState<Loaded>(() => {
    const known = postTitles.peek(postId);
    return known === undefined ? { state: 'loading' } : { state: 'done', post: known };
  });

  useEffect(() => {
    let isCurrent = true;
    postTitles.load(postId).then(
      (post) => isCurrent && setLoaded({ state: 'done', post }),
      () => isCurrent && setLoaded({ state: 'failed' }),
    );
    return () => {
      isCurrent = false;
    };
  }, [postId, postTitles]);

  return (
    <BlockFrame
      nodeName="relatedPost"
      label="Related story"
      removeLabel="Remove related story"
      onRemove={deleteNode}
      move={{ editor, getPos }}
      isSelected={selected}
      className="body-related"
    >
      {loaded.state === 'loading' && <p className="body-related__note">Loading the story…</p>}
      {loaded.state === 'failed' && (
        <p className="body-related__note">Could not load the story’s title.</p>
      )}
      {loaded.state === 'done' && loaded.post === null && (
        <p className="body-related__note">
          This story no longer exists; readers will not see the card.
        </p>
      )}
      {loaded.state === 'done' && loaded.post && (
        <>
          <p className="body-related__title">{loaded.post.title}</p>
          {loaded.post.status !== 'published' && (
            <p className="body-related__note">Not published: readers see the card once it is.</p>
          )}
        </>
      )}
    </BlockFrame>
  );
}
