define([], function () {
  return {
    PropertyPaneDescription: 'Frontline Visits takes its data from the lists on this site.',
    AboutGroupName: 'About',
  };
});
