import { useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../../api.js';
import { meQuery, queryKeys } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Profile } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { AvatarSection } from './AvatarSection.js';
import { PasswordForm } from './PasswordForm.js';
import { ProfileForm } from './ProfileForm.js';
import { SignOutEverywhere } from './SignOutEverywhere.js';
import { TwoFactorSection } from './TwoFactorSection.js';
import './profile.css';

const roleNames: Record<Profile['user']['role'], string> = {
  owner: 'Owner',
  administrator: 'Administrator',
  editor: 'Editor',
  author: 'Author',
  contributor: 'Contributor',
};

export function ProfileScreen({ api, onUserChanged }: ScreenProps) {
  const queryClient = useQueryClient();
  // The forms start from the account as it is now, not from a copy cached by another screen.
  const loaded = useQuery({ ...meQuery(api), refetchOnMount: 'always' });
  const profile = loaded.isFetchedAfterMount ? (loaded.data ?? null) : null;
  const loadError = loaded.error ? messageOf(loaded.error) : null;
  // A saved name shows in the top bar at once, not after the next reload.
  const setProfile = (next: Profile) => {
    queryClient.setQueryData(queryKeys.me, next);
    onUserChanged(next.user);
  };

  return (
    <section aria-labelledby="profile-heading" className="profile-screen">
      <h1 id="profile-heading" tabIndex={-1}>
        My profile
      </h1>
      <FormAlert messages={loadError ? [loadError] : []} />
      {!profile ? (
        loadError ? null : (
          <p role="status" className="loading-inline">
            Loading your profile…
          </p>
        )
      ) : (
        <>
          <p className="lede">
            Signed in as {profile.user.email} ({roleNames[profile.user.role]}).
            {profile.author ? (
              <>
                {' '}
                <a href={`/author/${profile.author.slug}/`} className="author-page-link">
                  See your author page
                </a>
              </>
            ) : null}
          </p>
          <div className="profile-columns">
            <div>
              <ProfileForm api={api} profile={profile} onSaved={setProfile} />
            </div>
            <div>
              <AvatarSection api={api} profile={profile} onSaved={setProfile} />
              <PasswordForm api={api} />
              <TwoFactorSection
                api={api}
                isOn={profile.user.hasTwoFactor === true}
                onChanged={() => queryClient.invalidateQueries({ queryKey: queryKeys.me })}
              />
              <SignOutEverywhere api={api} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
