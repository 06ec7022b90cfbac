declare interface IFrontlineVisitsWebPartStrings {
  PropertyPaneDescription: string;
  AboutGroupName: string;
}

declare module 'FrontlineVisitsWebPartStrings' {
  const strings: IFrontlineVisitsWebPartStrings;
  export = strings;
}
